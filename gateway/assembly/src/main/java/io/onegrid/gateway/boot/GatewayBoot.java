package io.onegrid.gateway.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Main class of onegrid-gateway.jar, run before the bnd launcher. It checks the configuration file
 * (-Donegrid.config) so a broken file stops the gateway at once with every problem and exit code 2, and
 * puts the Felix cache under the storage folder (storage.dir/felix-cache, or -Donegrid.storage) unless
 * -Dorg.osgi.framework.storage names another. Then it hands over to bnd's EmbeddedLauncher unchanged.
 * <p>
 * {@code java -jar onegrid-gateway.jar outbox ...} runs the outbox command line instead (quarantine list,
 * replay, drop; {@code gateway-outbox-cli}), and {@code ... probe URI --profile ID} the installer's device probe
 * ({@code gateway-probe}), and {@code provision} and {@code walktest} the installer's claim and walk test
 * ({@code gateway-installer-cli}, docs/installing.md), without starting the framework: on a throw-away class loader over the jars the
 * gateway embeds (outbox and SQLite, or the drivers and profiles), plus the command line and picocli from
 * {@code boot-lib/}, so they read the file and the devices exactly as the gateway does. The exit code is the
 * command's.
 */
public final class GatewayBoot {
    static final String CONFIG = "onegrid.config";
    /** Replaces the file's storage.dir (outbox.db and felix-cache), e.g. one folder per demo run. */
    static final String STORAGE_OVERRIDE = "onegrid.storage";
    static final String STORAGE = "org.osgi.framework.storage";
    static final String CACHE_FOLDER = "felix-cache";
    static final String TEMP_FOLDER = "tmp";
    private static final String LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";
    private static final String PRE_LAUNCH = "io.onegrid.gateway.config.PreLaunch";
    // the parser checks devices against the profile catalog, so it needs the profile model and its reader
    private static final List<String> PARSER_JARS = List.of("jar/gateway-config-loader-", "jar/snakeyaml-",
            "jar/device-profiles-", "jar/slf4j-api-", "jar/slf4j-simple-");
    static final String OUTBOX_COMMAND = "outbox";
    static final String PROBE_COMMAND = "probe";
    static final String PROVISION_COMMAND = "provision";
    static final String WALKTEST_COMMAND = "walktest";
    static final String CONSOLE_COMMAND = "console";
    static final String DEVICES_COMMAND = "devices";
    static final String SCAN_COMMAND = "scan";
    /** The installer's commands read and write gateway.yaml with the gateway's own parser, and speak JSON to the hub. */
    private static final List<String> INSTALLER_JARS = List.of("boot-lib/gateway-installer-cli-", "boot-lib/picocli-",
            "boot-lib/gateway-cli-support-", "jar/gateway-config-loader-", "jar/snakeyaml-", "jar/device-profiles-",
            "jar/jackson-core-", "jar/jackson-databind-", "jar/jackson-annotations-", "jar/slf4j-api-", "jar/slf4j-simple-");
    /** scan reads each unit id through the probe, on the gateway's own Modbus drivers. */
    private static final List<String> SCAN_JARS = java.util.stream.Stream.concat(INSTALLER_JARS.stream(), java.util.stream.Stream.of(
            "boot-lib/gateway-probe-", "jar/api-", "jar/driver-modbus-", "jar/jSerialComm-", "jar/driver-coap-")).toList();
    /** A command line run instead of the framework: its main class (with a static {@code int run(String[])}) and jars. */
    private record BootCommand(String mainClass, List<String> jars) { }

    private static final java.util.Map<String, BootCommand> COMMANDS = java.util.Map.of(
            OUTBOX_COMMAND, new BootCommand("io.onegrid.gateway.cli.OutboxCli", List.of("boot-lib/gateway-outbox-cli-",
                    "boot-lib/picocli-", "boot-lib/gateway-cli-support-", "jar/outbox-", "jar/api-", "jar/sqlite-jdbc-",
                    "jar/slf4j-api-", "jar/slf4j-simple-",
                    "jar/gateway-config-loader-", "jar/snakeyaml-", "jar/device-profiles-")),
            PROBE_COMMAND, new BootCommand("io.onegrid.gateway.probe.ProbeCli", List.of("boot-lib/gateway-probe-",
                    "boot-lib/picocli-", "boot-lib/gateway-cli-support-", "jar/api-", "jar/device-profiles-",
                    "jar/driver-modbus-", "jar/jSerialComm-", "jar/driver-coap-", "jar/snakeyaml-",
                    "jar/jackson-core-", "jar/jackson-databind-", "jar/jackson-annotations-", "jar/slf4j-api-",
                    "jar/slf4j-simple-")),
            PROVISION_COMMAND, new BootCommand("io.onegrid.gateway.installer.ProvisionCli", INSTALLER_JARS),
            WALKTEST_COMMAND, new BootCommand("io.onegrid.gateway.installer.WalkTestCli", INSTALLER_JARS),
            CONSOLE_COMMAND, new BootCommand("io.onegrid.gateway.console.ConsoleCli", List.of("boot-lib/gateway-console-cli-",
                    "boot-lib/picocli-", "boot-lib/gateway-cli-support-", "jar/gateway-config-loader-", "jar/snakeyaml-",
                    "jar/device-profiles-",
                    "jar/jackson-core-", "jar/jackson-databind-", "jar/jackson-annotations-", "jar/slf4j-api-",
                    "jar/slf4j-simple-")),
            DEVICES_COMMAND, new BootCommand("io.onegrid.gateway.installer.DevicesCli", INSTALLER_JARS),
            SCAN_COMMAND, new BootCommand("io.onegrid.gateway.installer.ScanCli", SCAN_JARS));
    /**
     * SPI Fly reports through java.util.logging on stderr; its one INFO line per start is noise beside our
     * slf4j log. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger SPIFLY = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    private GatewayBoot() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && COMMANDS.containsKey(args[0])) {
            System.exit(command(COMMANDS.get(args[0]), java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        String config = System.getProperty(CONFIG);
        if (config == null || config.isBlank()) {
            System.err.println("usage: java -D" + CONFIG + "=<gateway.yaml> -jar onegrid-gateway.jar"
                    + "\n  (see docs/gateway.md; gateway/config/example.yaml documents every key)"
                    + "\n   or: java -jar onegrid-gateway.jar outbox --help"
                    + "\n   or: java -jar onegrid-gateway.jar probe --help"
                    + "\n   or: java -jar onegrid-gateway.jar provision --help"
                    + "\n   or: java -jar onegrid-gateway.jar walktest --help"
                    + "\n   or: java -jar onegrid-gateway.jar console --help"
                    + "\n   or: java -jar onegrid-gateway.jar devices --help"
                    + "\n   or: java -jar onegrid-gateway.jar scan --help");
            System.exit(2);
        }
        String storage;
        try {
            storage = storageDir(config);
        } catch (InvocationTargetException e) {
            System.err.println(e.getCause().getMessage());
            System.err.println("The gateway does not start devices from a bad configuration file.");
            System.exit(2);
            return;
        }
        SPIFLY.setLevel(java.util.logging.Level.WARNING);
        if (System.getProperty(STORAGE) == null) {
            System.setProperty(STORAGE, Path.of(storage, CACHE_FOLDER).toString());
        }
        useStorageForTemp(storage);
        Class.forName(LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /**
     * jSerialComm unpacks its native library under java.io.tmpdir when the first serial port opens. The root file
     * system of an installed gateway is read-only and /tmp may be noexec, so unless the JVM was given its own
     * -Djava.io.tmpdir the gateway uses storage.dir/tmp (its one writable folder). Set before the framework starts;
     * jSerialComm reads the property when it loads.
     */
    static void useStorageForTemp(String storage) {
        boolean given = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-Djava.io.tmpdir="));
        if (given) return;
        Path tmp = Path.of(storage, TEMP_FOLDER);
        try {
            Files.createDirectories(tmp);
            System.setProperty("java.io.tmpdir", tmp.toString());
        } catch (IOException e) {
            System.err.println("onegrid-gateway: cannot create " + tmp + " (" + e.getMessage() + "); serial ports unpack"
                    + " their native library under " + System.getProperty("java.io.tmpdir") + " instead");
        }
    }

    /** Runs a command line from the embedded jars; returns its exit code. */
    private static int command(BootCommand command, String[] args) throws Exception {
        // The command's output is stdout; the outbox's own log lines (warnings only) go to stderr.
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        List<Path> copies = extract(command.jars());
        URL[] urls = new URL[copies.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = copies.get(i).toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            return (Integer) loader.loadClass(command.mainClass()).getMethod("run", String[].class).invoke(null, (Object) args);
        } finally {
            for (Path p : copies) Files.deleteIfExists(p);
        }
    }

    /** Runs the real parser from the embedded bundles on a throw-away class loader. */
    private static String storageDir(String config) throws Exception {
        List<Path> copies = extract(PARSER_JARS);
        URL[] urls = new URL[copies.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = copies.get(i).toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            return (String) loader.loadClass(PRE_LAUNCH).getMethod("storageDir", String.class, String.class)
                    .invoke(null, config, System.getProperty(STORAGE_OVERRIDE));
        } finally {
            for (Path p : copies) Files.deleteIfExists(p);
        }
    }

    private static List<Path> extract(List<String> prefixes) throws IOException {
        Path self;
        try {
            self = Path.of(GatewayBoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate onegrid-gateway.jar", e);
        }
        List<Path> copies = new ArrayList<>();
        try (JarFile jar = new JarFile(self.toFile())) {
            for (String prefix : prefixes) {
                JarEntry entry = jar.stream().filter(e -> e.getName().startsWith(prefix)).findFirst()
                        .orElseThrow(() -> new IOException("onegrid-gateway.jar lacks " + prefix + "*.jar"));
                Path copy = Files.createTempFile("onegrid-boot", ".jar");
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                copies.add(copy);
            }
        }
        return copies;
    }
}
