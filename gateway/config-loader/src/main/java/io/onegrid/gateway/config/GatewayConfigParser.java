package io.onegrid.gateway.config;

import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlDocument;
import io.onegrid.profile.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the installer-facing gateway configuration file (YAML) into a {@link GatewayConfig}, checking every
 * key and value with the project's one YAML reader ({@link YamlDocument}, {@link YamlMap}). All problems of a
 * file are reported together with their line and column. Devices are checked against the profile catalog the
 * gateway will use (shipped profiles plus profiles.directory): protocol, address form, bus and overrides.
 * Relative paths (storage dir, passwordFile, truststore, profiles directory, psk-file) resolve against
 * {@code baseDir}, the gateway's working directory. Each section has its own reader; this class puts them
 * together.
 */
public final class GatewayConfigParser {
    /** How the shared reader names the top level in messages. */
    static final String TOP = "the file";
    static final List<String> TOP_KEYS = List.of("gateway", "hub", "storage", "gpio", "profiles", "buses", "devices");
    static final List<String> GATEWAY_KEYS = List.of("id");
    static final List<String> GPIO_KEYS = List.of("backend", "simulator");
    static final List<String> PROFILES_KEYS = List.of("directory");
    static final Set<String> GPIO_BACKENDS = Set.of("pi4j", "simulator");
    /**
     * Bounds against a hostile or broken file: a gateway with a few thousand devices is well under 1 MB;
     * nesting and node count keep a short "[[[[..." or "[1,1,1,...]" text from costing more than its size.
     */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 16;
    static final int MAX_VALUES = 500_000;
    private static final YamlDocument DOCUMENT = new YamlDocument("configuration file", MAX_CHARS, MAX_DEPTH,
            MAX_VALUES, false);

    private final Path baseDir;
    private final Path storageOverride;
    private final Function<Path, ProfileCatalog> catalogs;

    public GatewayConfigParser(Path baseDir) {
        this(baseDir, null);
    }

    /**
     * @param storageOverride when not null, replaces the file's storage.dir (which then becomes optional):
     *                        the onegrid.storage launch property, used by scripts that keep each run apart
     */
    public GatewayConfigParser(Path baseDir, String storageOverride) {
        this(baseDir, storageOverride, GatewayConfigParser::catalog);
    }

    /** @param catalogs the catalog for a profiles.directory (null: none), as the gateway's catalog component builds it */
    GatewayConfigParser(Path baseDir, String storageOverride, Function<Path, ProfileCatalog> catalogs) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.storageOverride = storageOverride == null || storageOverride.isBlank() ? null
                : this.baseDir.resolve(storageOverride.trim()).normalize();
        this.catalogs = catalogs;
    }

    /** A parser resolving relative paths against the process's working directory. */
    public static GatewayConfigParser forWorkingDirectory(String storageOverride) {
        return new GatewayConfigParser(Path.of(""), storageOverride);
    }

    public GatewayConfig parse(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException(file.toString(), 0, "file does not exist (working directory: " + baseDir + ")");
        }
        try {
            return parse(file.toString(), DOCUMENT.readFile(file));
        } catch (ProfileException e) {
            throw ConfigException.of(file.toString(), e.allProblems());
        }
    }

    public GatewayConfig parse(String sourceName, String yaml) throws ConfigException {
        if (yaml.length() > MAX_CHARS) {
            throw new ConfigException(sourceName, 1, DOCUMENT.tooBig(sourceName, yaml.length()).problem());
        }
        Node root;
        try {
            root = DOCUMENT.compose(sourceName, yaml);
        } catch (ProfileException e) {
            throw located(sourceName, yaml, e.allProblems());
        }
        if (root == null) {
            throw new ConfigException(sourceName, 1, "the file is empty; it needs at least gateway.id, hub.uri and storage.dir");
        }
        Problems problems = new Problems(sourceName);
        YamlMap top = YamlMap.of(root, TOP, TOP_KEYS, problems);
        if (top == null) throw ConfigException.of(sourceName, problems.all());
        String gatewayId = gatewayId(top, problems);
        GatewayConfig.Hub hub = new HubReader(baseDir, problems).read(top);
        GatewayConfig.Storage storage = new StorageReader(baseDir, storageOverride, problems).read(top);
        GatewayConfig.Gpio gpio = gpio(top);
        int beforeProfiles = problems.size();
        Path profiles = profiles(top);
        ProfileCatalog catalog = catalogs.apply(problems.size() == beforeProfiles ? profiles : null);
        BusReader busReader = new BusReader(problems);
        Map<String, GatewayConfig.Bus> buses = busReader.read(top);
        List<GatewayConfig.Device> devices = new DeviceReader(baseDir, catalog, busReader.names(), problems).read(top);
        if (!problems.isEmpty()) throw ConfigException.of(sourceName, problems.all());
        return new GatewayConfig(gatewayId, hub, storage, gpio, profiles, List.copyOf(buses.values()), devices);
    }

    /** Gives a position to a syntax problem the shared reader could not place, so every problem has a line. */
    private static ConfigException located(String sourceName, String yaml, List<ProfileException> found) {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        for (ProfileException p : found) {
            int[] at = p.line() > 0 ? new int[] {p.line(), p.column()} : SyntaxLocator.locate(yaml, MAX_DEPTH);
            problems.add(new ConfigProblem(at[0], at[1], p.problem()));
        }
        return new ConfigException(sourceName, problems);
    }

    /** The catalog the gateway's profile component builds from the same folder; its rejected files are not logged here. */
    static ProfileCatalog catalog(Path profilesDirectory) {
        return profilesDirectory == null ? ProfileCatalogs.builtin() : ProfileCatalogs.withDirectory(profilesDirectory, p -> { });
    }

    private static String gatewayId(YamlMap top, Problems problems) {
        YamlMap gw = top.map("gateway", "gateway", GATEWAY_KEYS);
        if (gw == null) {
            if (!top.has("gateway")) problems.add(top.node(), "the file needs a 'gateway:' section with 'id'");
            return null;
        }
        return Values.id(gw, "id", true, ": it is part of every MQTT topic");
    }

    private static GatewayConfig.Gpio gpio(YamlMap top) {
        YamlMap gpio = top.map("gpio", "gpio", GPIO_KEYS);
        if (gpio == null) return null;
        String backend = Values.text(gpio, "backend", false);
        if (backend != null && !GPIO_BACKENDS.contains(backend)) {
            gpio.problems().add(gpio.value("backend"), "gpio.backend must be 'pi4j' or 'simulator', got '" + backend + "'");
        }
        String simulator = Values.text(gpio, "simulator", false);
        if (simulator != null && !validHostPort(simulator)) {
            gpio.problems().add(gpio.value("simulator"), "gpio.simulator must be host:port (e.g. 127.0.0.1:7021), got '"
                    + simulator + "'");
        }
        return new GatewayConfig.Gpio(backend, simulator);
    }

    private Path profiles(YamlMap top) {
        YamlMap profiles = top.map("profiles", "profiles", PROFILES_KEYS);
        if (profiles == null) return null;
        Path dir = Values.path(profiles, "directory", baseDir);
        if (dir != null && !Files.isDirectory(dir)) {
            profiles.problems().add(profiles.value("directory"), "profiles.directory " + dir + " is not a folder");
            return null;
        }
        return dir;
    }

    private static boolean validHostPort(String text) {
        var m = java.util.regex.Pattern.compile("([^:/\\s]+):(\\d{1,5})").matcher(text);
        if (!m.matches()) return false;
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65_535;
    }
}
