package io.onegrid.gateway.config;

import io.onegrid.api.CommandHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own life cycle. On activation it applies the configuration file (onegrid.config) to
 * Configuration Admin and starts watching it. It registers as the launcher's main-thread callable
 * (service property main.thread=true, picked up by the bnd launcher of the executable jar once every
 * bundle is started): there it prints the start banner, runs the self test when asked
 * (onegrid.selftest=true) and otherwise blocks until the framework stops. Its return value is the
 * process exit code: 0 normal stop / self test passed, 1 self test failed, 2 unusable configuration.
 * A JVM shutdown hook (SIGTERM, Ctrl-C) stops the framework cleanly before the JVM exits. It also offers the hub's
 * {@code reload} command ({@link ReloadCommand}) on the command whiteboard.
 */
@Component(service = Callable.class, property = "main.thread=true", immediate = true)
public final class GatewayRuntimeComponent implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_SELFTEST_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntimeComponent.class);
    private static final Duration SETTLE = Duration.ofMillis(300);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final LaunchSettings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch startLevelReached = new CountDownLatch(1);
    private final FrameworkListener startLevelListener = event -> {
        if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) startLevelReached.countDown();
    };
    private final Thread shutdownHook;
    private final GatewayConfigLoader loader;
    private final String startupError;
    private ConfigFileWatcher watcher;
    private ServiceRegistration<CommandHandler> reloadCommand;

    @Activate
    public GatewayRuntimeComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin,
                                   @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.settings = LaunchSettings.from(context::getProperty);
        context.addFrameworkListener(startLevelListener);
        GatewayConfigLoader candidate = null;
        String error = null;
        if (settings.configFile() == null) {
            error = "No configuration file given: start the gateway with -D" + LaunchSettings.CONFIG
                    + "=<path to gateway.yaml>";
        } else {
            GatewayConfigParser parser = GatewayConfigParser.forWorkingDirectory(settings.storageDir());
            candidate = new GatewayConfigLoader(Path.of(settings.configFile()), parser, new ConfigAdminStore(configAdmin));
            try {
                candidate.loadInitial();
                // the hub's reload command: offered once a good file is in force, so there is something to keep
                reloadCommand = context.registerService(CommandHandler.class, new ReloadCommand(candidate, parser),
                        FrameworkUtil.asDictionary(Map.of(CommandHandler.NAME_PROPERTY, CommandHandler.RELOAD)));
                watcher = new ConfigFileWatcher(candidate.file(), SETTLE, candidate::reload).start();
            } catch (ConfigException e) {
                error = e.getMessage() + "\nThe gateway does not start devices from a bad configuration file.";
            } catch (IOException e) {
                LOG.warn("Cannot watch {} for changes ({}); edits apply after a restart", candidate.file(), e.toString());
            }
        }
        this.loader = candidate;
        this.startupError = error;
        if (error != null) LOG.error(error);
        this.shutdownHook = new Thread(this::stopFramework, "onegrid-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        if (startupError != null) {
            System.err.println(startupError);
            return EXIT_BAD_CONFIG;
        }
        awaitStartLevel();
        String id = loader.current().map(GatewayConfig::gatewayId).orElse("?");
        out.println("OneGrid gateway " + id + " started (" + activeBundles() + " bundles active)");
        if (settings.selfTest()) {
            return selfTest(out);
        }
        stopped.await();
        return EXIT_OK;
    }

    private int selfTest(PrintStream out) throws InterruptedException {
        OsgiSnapshot snapshot = new OsgiSnapshot(context, scr);
        long deadline = System.nanoTime() + settings.selfTestTimeout().toNanos();
        SelfTestReport report = snapshot.take();
        // Components activate asynchronously after their configurations appear: wait for them to settle.
        while (!report.passed() && System.nanoTime() < deadline && stopped.getCount() > 0) {
            stopped.await(250, TimeUnit.MILLISECONDS);
            report = snapshot.take();
        }
        report.lines().forEach(out::println);
        out.flush();
        return report.passed() ? EXIT_OK : EXIT_SELFTEST_FAILED;
    }

    /**
     * The launcher hands over once every bundle is installed, but start levels climb asynchronously: wait
     * until the framework reports its start level change (listener registered at activation, while our own
     * level was still being processed) or every bundle asked to start is ACTIVE, so the banner counts them all.
     */
    private void awaitStartLevel() throws InterruptedException {
        long deadline = System.nanoTime() + settings.selfTestTimeout().toNanos();
        while (startLevelReached.getCount() > 0 && !allStartedBundlesActive()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("Not every bundle is active after {}s", settings.selfTestTimeout().toSeconds());
                return;
            }
            startLevelReached.await(100, TimeUnit.MILLISECONDS);
        }
    }

    private boolean allStartedBundlesActive() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getBundleId() != 0).allMatch(b -> {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            return fragment || level == null || !level.isPersistentlyStarted() || b.getState() == Bundle.ACTIVE;
        });
    }

    private long activeBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getBundleId() != 0 && b.getState() == Bundle.ACTIVE).count();
    }

    /** Runs in the JVM shutdown hook: stop every bundle in order, bounded by onegrid.stop.timeoutSeconds. */
    private void stopFramework() {
        Bundle system = context.getBundle(0);
        if (system == null || system.getState() != Bundle.ACTIVE) return;
        long timeoutMs = settings.stopTimeout().toMillis();
        // Built before the stop: once our bundle is stopped, loading anything new from it may fail.
        String stopped = "OneGrid gateway stopped";
        String late = "OneGrid gateway did not stop within " + timeoutMs + " ms; exiting anyway";
        System.out.println("OneGrid gateway stopping");
        try {
            system.stop();
            if (system instanceof Framework fw) {
                FrameworkEvent event = fw.waitForStop(timeoutMs);
                System.out.println(event.getType() == FrameworkEvent.WAIT_TIMEDOUT ? late : stopped);
            }
        } catch (Exception e) {
            System.err.println("Clean stop of the framework failed: " + e);
        }
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) watcher.close();
        if (reloadCommand != null) {
            try {
                reloadCommand.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered with the bundle
            }
        }
        context.removeFrameworkListener(startLevelListener);
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is what is stopping us; nothing to remove.
        }
    }
}
