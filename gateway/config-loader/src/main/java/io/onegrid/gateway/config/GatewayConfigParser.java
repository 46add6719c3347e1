package io.onegrid.gateway.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the installer-facing gateway configuration file (YAML) into a {@link GatewayConfig}, checking every
 * key and value. All problems of a file are reported together with their line. Relative paths (storage
 * dir, passwordFile, truststore, profiles directory) resolve against {@code baseDir}, the gateway's
 * working directory.
 */
public final class GatewayConfigParser {
    static final Set<String> TOP_KEYS = Set.of("gateway", "hub", "storage", "gpio", "profiles", "devices");
    static final Set<String> GATEWAY_KEYS = Set.of("id");
    static final Set<String> HUB_KEYS = Set.of("uri", "username", "password", "passwordFile", "keepAliveSeconds",
            "healthIntervalSeconds", "truststore");
    static final Set<String> STORAGE_KEYS = Set.of("dir", "maxBytes", "commitIntervalMs", "quarantineMaxBytes");
    static final Set<String> GPIO_KEYS = Set.of("backend", "simulator");
    static final Set<String> PROFILES_KEYS = Set.of("directory");
    static final Set<String> DEVICE_KEYS = Set.of("id", "profile", "address", "bus", "site", "unit", "area",
            "resident", "overrides");
    /** Exactly the schemes the uplink accepts: a file the loader takes must never leave the uplink unable to start. */
    static final Set<String> HUB_SCHEMES = Set.of("tcp", "ssl");
    static final Set<String> GPIO_BACKENDS = Set.of("pi4j", "simulator");

    /** Gateway and device ids end up in MQTT topics and PIDs: no '/', '+', '#' or spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PROFILE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern HOST_PORT = Pattern.compile("([^:/\\s]+):(\\d{1,5})");
    private static final Pattern MODBUS_TCP = Pattern.compile("([^:/\\s]+):(\\d{1,5})/(\\d{1,3})");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    private final Path baseDir;
    private final Path storageOverride;

    public GatewayConfigParser(Path baseDir) {
        this(baseDir, null);
    }

    /**
     * @param storageOverride when not null, replaces the file's storage.dir (which then becomes optional):
     *                        the onegrid.storage launch property, used by scripts that keep each run apart
     */
    public GatewayConfigParser(Path baseDir, String storageOverride) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.storageOverride = storageOverride == null || storageOverride.isBlank() ? null
                : this.baseDir.resolve(storageOverride.trim()).normalize();
    }

    /** A parser resolving relative paths against the process's working directory. */
    public static GatewayConfigParser forWorkingDirectory(String storageOverride) {
        return new GatewayConfigParser(Path.of(""), storageOverride);
    }

    public GatewayConfig parse(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, "file does not exist (working directory: " + baseDir + ")");
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read the file: " + e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, 0, "the file is not UTF-8 text");
        }
        return parse(name, text);
    }

    public GatewayConfig parse(String sourceName, String yaml) throws ConfigException {
        Node root = compose(sourceName, yaml);
        Problems problems = new Problems(sourceName);
        if (root == null) {
            problems.add(1, "the file is empty; it needs at least gateway.id, hub.uri and storage.dir");
            problems.throwIfAny();
        }
        YamlSection top = YamlSection.of(root, "", TOP_KEYS, problems);
        if (top == null) {
            problems.throwIfAny();
        }
        String gatewayId = gatewayId(top, problems);
        GatewayConfig.Hub hub = hub(top, problems);
        GatewayConfig.Storage storage = storage(top, problems);
        GatewayConfig.Gpio gpio = gpio(top, problems);
        Path profiles = profiles(top, problems);
        List<GatewayConfig.Device> devices = devices(top, problems);
        problems.throwIfAny();
        return new GatewayConfig(gatewayId, hub, storage, gpio, profiles, devices);
    }

    private static Node compose(String sourceName, String yaml) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new ConfigException(sourceName, line, "not valid YAML: " + context + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(sourceName, 0, "not valid YAML: " + e.getMessage());
        }
    }

    private static String gatewayId(YamlSection top, Problems problems) {
        YamlSection gw = top.section("gateway", GATEWAY_KEYS);
        if (gw == null) {
            if (!top.has("gateway")) problems.add(top.line(), "the file needs a 'gateway:' section with 'id'");
            return null;
        }
        String id = gw.text("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(gw.node("id"), "gateway.id '" + id + "' may use only letters, digits, '.', '_' and '-'"
                    + " (at most 64, starting with a letter or digit): it is part of every MQTT topic");
            return null;
        }
        return id;
    }

    private GatewayConfig.Hub hub(YamlSection top, Problems problems) {
        YamlSection hub = top.section("hub", HUB_KEYS);
        if (hub == null) {
            if (!top.has("hub")) problems.add(top.line(), "the file needs a 'hub:' section with 'uri'");
            return null;
        }
        String uri = hub.text("uri", true);
        if (uri != null) {
            try {
                URI parsed = new URI(uri);
                if (parsed.getScheme() == null || !HUB_SCHEMES.contains(parsed.getScheme())
                        || parsed.getHost() == null) {
                    problems.add(hub.node("uri"), "hub.uri '" + uri + "' must look like tcp://host:port or "
                            + "ssl://host:port (schemes: " + String.join(", ", new java.util.TreeSet<>(HUB_SCHEMES)) + ")");
                }
            } catch (URISyntaxException e) {
                problems.add(hub.node("uri"), "hub.uri '" + uri + "' is not a URI: " + e.getReason());
            }
        }
        String username = hub.text("username", false);
        Secret password = null;
        Path passwordFile = null;
        if (hub.node("password") != null && hub.node("passwordFile") != null) {
            problems.add(hub.lineOf("passwordFile"), "hub has both 'password' and 'passwordFile'; give only one");
        } else {
            password = inlinePassword(hub, problems);
            passwordFile = passwordFile(hub, problems);
        }
        Long keepAlive = hub.number("keepAliveSeconds", 0, 65_535);
        Long health = hub.number("healthIntervalSeconds", 1, 86_400);
        Path truststore = path(hub, "truststore", problems);
        if (truststore != null && !Files.isRegularFile(truststore)) {
            problems.add(hub.node("truststore"), "hub.truststore " + truststore + " is not a readable file");
        }
        return new GatewayConfig.Hub(uri, username, password, passwordFile,
                keepAlive == null ? null : keepAlive.intValue(), health == null ? null : health.intValue(),
                truststore);
    }

    /** The value never appears in a problem message: only the key, the file name and the line. */
    private static Secret inlinePassword(YamlSection hub, Problems problems) {
        Node v = hub.node("password");
        if (v == null) return null;
        if (!(v instanceof ScalarNode s) || s.getValue().isEmpty()) {
            problems.add(v, "hub.password must be a single non-empty value");
            return null;
        }
        return new Secret(s.getValue());
    }

    /**
     * Checked here so a missing or empty file stops the gateway at start like any other mistake; the content
     * is then dropped: the uplink reads the file itself, by the same rule (trailing line breaks ignored).
     */
    private Path passwordFile(YamlSection hub, Problems problems) {
        Path file = path(hub, "passwordFile", problems);
        if (file == null) return null;
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (content.replaceFirst("[\\r\\n]+$", "").isEmpty()) {
                problems.add(hub.node("passwordFile"), "hub.passwordFile " + file + " is empty");
                return null;
            }
            return file;
        } catch (IOException e) {
            problems.add(hub.node("passwordFile"), "cannot read hub.passwordFile " + file + " ("
                    + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private GatewayConfig.Storage storage(YamlSection top, Problems problems) {
        YamlSection storage = top.section("storage", STORAGE_KEYS);
        if (storage == null) {
            if (storageOverride != null) return new GatewayConfig.Storage(storageOverride, null, null, null);
            if (!top.has("storage")) problems.add(top.line(), "the file needs a 'storage:' section with 'dir'");
            return null;
        }
        if (storage.text("dir", storageOverride == null) == null && storageOverride == null) return null;
        Path dir = storageOverride != null ? storageOverride : path(storage, "dir", problems);
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            problems.add(storage.node("dir"), "storage.dir " + dir + " exists but is not a folder");
        }
        Long maxBytes = size(storage, "maxBytes", problems);
        Long commit = storage.number("commitIntervalMs", 0, 60_000);
        Long quarantineMaxBytes = size(storage, "quarantineMaxBytes", problems);
        return dir == null ? null : new GatewayConfig.Storage(dir, maxBytes, commit, quarantineMaxBytes);
    }

    private static Long size(YamlSection section, String key, Problems problems) {
        String text = section.text(key, false);
        if (text == null) return null;
        var m = SIZE.matcher(text.replace("_", ""));
        if (!m.matches()) {
            problems.add(section.node(key), section.qualified(key) + " must be a size like 67108864, 512KB or"
                    + " 64MB, got '" + text + "'");
            return null;
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase();
        long factor = switch (unit) {
            case "KB", "KIB" -> 1024L;
            case "MB", "MIB" -> 1024L * 1024;
            case "GB", "GIB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            long value = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
            if (value < 64 * 1024) {
                problems.add(section.node(key), section.qualified(key) + " must be at least 64KB, got '" + text + "'");
                return null;
            }
            return value;
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(section.node(key), section.qualified(key) + " is too large: '" + text + "'");
            return null;
        }
    }

    private static GatewayConfig.Gpio gpio(YamlSection top, Problems problems) {
        YamlSection gpio = top.section("gpio", GPIO_KEYS);
        if (gpio == null) return null;
        String backend = gpio.text("backend", false);
        if (backend != null && !GPIO_BACKENDS.contains(backend)) {
            problems.add(gpio.node("backend"), "gpio.backend must be 'pi4j' or 'simulator', got '" + backend + "'");
        }
        String simulator = gpio.text("simulator", false);
        if (simulator != null && !validHostPort(simulator)) {
            problems.add(gpio.node("simulator"), "gpio.simulator must be host:port (e.g. 127.0.0.1:7021), got '"
                    + simulator + "'");
        }
        return new GatewayConfig.Gpio(backend, simulator);
    }

    private Path profiles(YamlSection top, Problems problems) {
        YamlSection profiles = top.section("profiles", PROFILES_KEYS);
        if (profiles == null) return null;
        Path dir = path(profiles, "directory", problems);
        if (dir != null && !Files.isDirectory(dir)) {
            problems.add(profiles.node("directory"), "profiles.directory " + dir + " is not a folder");
        }
        return dir;
    }

    private static List<GatewayConfig.Device> devices(YamlSection top, Problems problems) {
        Node node = top.node("devices");
        List<GatewayConfig.Device> devices = new ArrayList<>();
        if (node == null) return devices;
        if (!(node instanceof SequenceNode list)) {
            problems.add(node, "devices must be a list ('- id: ...' entries), not " + YamlSection.describe(node));
            return devices;
        }
        Map<String, Integer> seen = new HashMap<>();
        int index = 0;
        for (Node item : list.getValue()) {
            index++;
            YamlSection d = YamlSection.of(item, "device #" + index, DEVICE_KEYS, problems);
            if (d == null) continue;
            String id = d.text("id", true);
            String where = id == null ? "device #" + index : "device '" + id + "'";
            d = d.named(where);
            if (id != null) {
                if (!ID.matcher(id).matches()) {
                    problems.add(d.node("id"), where + ": id may use only letters, digits, '.', '_' and '-'");
                }
                Integer first = seen.putIfAbsent(id, Problems.lineOf(d.node("id")));
                if (first != null) {
                    problems.add(d.node("id"), "device id '" + id + "' is used twice (first on line " + first + ")");
                }
            }
            String profile = d.text("profile", true);
            if (profile != null && !PROFILE_ID.matcher(profile).matches()) {
                problems.add(d.node("profile"), where + ": profile '" + profile + "' is not a profile id"
                        + " (lower-case letters, digits, '-', e.g. smoke-detector-gpio)");
            }
            String address = d.text("address", true);
            if (address != null) checkAddress(address, d, where, problems);
            String site = d.text("site", true);
            List<String> overrides = overrides(d, where, problems);
            devices.add(new GatewayConfig.Device(id, profile, address, d.text("bus", false), site,
                    d.text("unit", false), d.text("area", false), d.text("resident", false), overrides));
        }
        return devices;
    }

    /**
     * The address form depends on the profile's protocol, which the file does not state: check the two
     * forms we can recognise (GPIO "channel=line,..." and Modbus TCP "host:port/unit") and pass others on.
     */
    private static void checkAddress(String address, YamlSection d, String where, Problems problems) {
        Node node = d.node("address");
        if (address.contains("=")) {
            for (String pair : address.split(",", -1)) {
                String[] kv = pair.split("=", -1);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    problems.add(node, where + ": address '" + address + "' must be channel=line pairs separated"
                            + " by commas (e.g. smoke=17,siren=27); '" + pair + "' is not one");
                    return;
                }
            }
            return;
        }
        var m = MODBUS_TCP.matcher(address);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            int unit = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65_535) problems.add(node, where + ": port " + port + " in address is out of range");
            if (unit > 255) problems.add(node, where + ": unit id " + unit + " in address must be 0..255");
        } else if (address.contains(":") && address.contains("/") && !address.contains("://")
                && !address.startsWith("/")) {
            problems.add(node, where + ": address '" + address + "' looks like Modbus TCP but is not host:port/unit"
                    + " (e.g. 127.0.0.1:5020/1)");
        }
    }

    private static List<String> overrides(YamlSection d, String where, Problems problems) {
        List<String> result = new ArrayList<>();
        Node node = d.node("overrides");
        if (node == null) return result;
        if (!(node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
            problems.add(node, where + ": overrides must be a mapping like {low-pressure.below: 0.10}");
            return result;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
                problems.add(t.getKeyNode(), where + ": each override must be 'rule.parameter: value'");
                continue;
            }
            String key = k.getValue().trim();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1 || key.contains("=")) {
                problems.add(k, where + ": override key '" + key + "' must be <rule id>.<parameter>"
                        + " (e.g. low-pressure.below)");
                continue;
            }
            if (v.getValue().isBlank()) {
                problems.add(v, where + ": override '" + key + "' needs a value");
                continue;
            }
            result.add(key + "=" + v.getValue().trim());
        }
        return result;
    }

    private Path path(YamlSection section, String key, Problems problems) {
        String text = section.text(key, false);
        if (text == null) return null;
        try {
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.add(section.node(key), section.qualified(key) + " '" + text + "' is not a valid path");
            return null;
        }
    }

    private static boolean validHostPort(String text) {
        var m = HOST_PORT.matcher(text);
        if (!m.matches()) return false;
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65_535;
    }
}
