package io.onegrid.console;

import io.onegrid.api.CommandHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: the command whiteboard into a {@link ConsoleDispatcher}, served by a {@link ConsoleServer}. With no
 * socket path configured the socket goes in the storage folder, which the gateway knows as the folder of the
 * outbox file (configuration {@value #OUTBOX_PID}); the console waits for that configuration (it listens for it)
 * rather than depending on the outbox service, so it answers even when the outbox cannot open.
 */
@Component(service = ConfigurationListener.class, configurationPid = LocalConsoleComponent.PID, immediate = true)
@Designate(ocd = ConsoleConfig.class)
public final class LocalConsoleComponent implements ConfigurationListener {
    public static final String PID = "io.onegrid.console";
    /** The outbox's configuration PID and its file attribute (bundles/outbox OutboxComponent, OutboxConfig). */
    static final String OUTBOX_PID = "io.onegrid.outbox";
    static final String OUTBOX_PATH = "path";
    static final String SOCKET_FILE = "console.sock";
    private static final Logger LOG = LoggerFactory.getLogger(LocalConsoleComponent.class);

    private final ConsoleConfig config;
    private final ConfigurationAdmin configAdmin;
    private final ExecutorService handlerPool;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "console-watchdog"));
    private final ConsoleDispatcher dispatcher;
    private ConsoleServer server;

    @Activate
    public LocalConsoleComponent(ConsoleConfig config, @Reference ConfigurationAdmin configAdmin) {
        this.config = config;
        this.configAdmin = configAdmin;
        // one handler per connection at a time, plus room for handlers that timed out and are still unwinding
        this.handlerPool = Executors.newFixedThreadPool(config.maxConnections() + 1, r -> daemon(r, "console-command"));
        this.dispatcher = new ConsoleDispatcher(handlerPool, Duration.ofMillis(config.handlerTimeoutMs()));
        start();
    }

    @Reference(name = "handler", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeHandler")
    void addHandler(CommandHandler handler) {
        dispatcher.add(handler);
    }

    void removeHandler(CommandHandler handler) {
        dispatcher.remove(handler);
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (OUTBOX_PID.equals(event.getPid()) && config.socketPath().isBlank()) {
            // the storage folder is known now, or moved: (re)bind there
            watchdog.execute(this::start);
        }
    }

    private synchronized void start() {
        Path socket = socketPath();
        if (socket == null) {
            LOG.debug("console waits for the outbox configuration to learn the storage folder");
            return;
        }
        if (server != null && server.socket().equals(socket)) return;
        stopServer();
        try {
            server = new ConsoleServer(dispatcher, new ConsoleSettings(socket, config.maxRequestBytes(),
                    Duration.ofMillis(config.handlerTimeoutMs()), Duration.ofMillis(config.idleTimeoutMs()),
                    config.maxConnections()), watchdog);
            LOG.info("local console on {}", socket);
        } catch (IOException | RuntimeException e) {
            LOG.error("local console cannot listen on {}: {}; 'onegrid-gateway console' will not reach this gateway",
                    socket, e.toString());
        }
    }

    /** The configured path, else console.sock beside the outbox file; null while the outbox is not configured. */
    private Path socketPath() {
        if (!config.socketPath().isBlank()) return Path.of(config.socketPath());
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + OUTBOX_PID + ")");
            if (found == null || found.length == 0) return null;
            Dictionary<String, Object> props = found[0].getProperties();
            Object path = props == null ? null : props.get(OUTBOX_PATH);
            if (path == null) return null;
            Path folder = Path.of(path.toString()).toAbsolutePath().getParent();
            return folder.resolve(SOCKET_FILE);
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("console cannot read the outbox configuration: {}", e.toString());
            return null;
        }
    }

    private void stopServer() {
        if (server == null) return;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("console: closing {} failed: {}", server.socket(), e.getMessage());
        }
        server = null;
    }

    @Deactivate
    synchronized void deactivate() {
        stopServer();
        watchdog.shutdownNow();
        handlerPool.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
