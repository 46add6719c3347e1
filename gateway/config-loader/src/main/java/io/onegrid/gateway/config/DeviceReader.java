package io.onegrid.gateway.config;

import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code devices:}. Each device's profile is looked up in the catalog the gateway will use (shipped
 * profiles plus profiles.directory), and the device is checked by what its protocol needs: a Modbus RTU
 * device names a declared bus and a unit id unique on that bus; every other device gives an address in its
 * protocol's form and no bus. Overrides are checked strictly against the profile ({@link OverrideReader}).
 */
final class DeviceReader {
    static final List<String> KEYS = List.of("id", "profile", "address", "bus", "unitId", "site", "unit", "area",
            "resident", "overrides");
    private static final String RTU = "modbus-rtu";
    private static final Pattern PROFILE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Problems problems;
    private final ProfileCatalog catalog;
    private final Set<String> buses;
    private final AddressChecks addresses;
    private final OverrideReader overrides;
    private final Map<String, Integer> ids = new HashMap<>();
    /** Per bus: unit id → "device 'x' (line N)", for the unit-id clash message. */
    private final Map<String, Map<Integer, String>> units = new HashMap<>();

    /** @param buses every bus name declared under buses: */
    DeviceReader(Path baseDir, ProfileCatalog catalog, Set<String> buses, Problems problems) {
        this.problems = problems;
        this.catalog = catalog;
        this.buses = buses;
        this.addresses = new AddressChecks(baseDir, problems);
        this.overrides = new OverrideReader(problems);
    }

    List<GatewayConfig.Device> read(YamlMap top) {
        List<GatewayConfig.Device> devices = new ArrayList<>();
        List<Node> items = top.list("devices", "a list of devices ('- id: ...' entries)");
        if (items == null) return devices;
        int index = 0;
        for (Node item : items) {
            index++;
            String peek = YamlMap.peek(item, "id");
            YamlMap d = YamlMap.of(item, peek == null ? "device #" + index : "device '" + peek + "'", KEYS, problems);
            if (d != null) devices.add(device(d));
        }
        return devices;
    }

    private GatewayConfig.Device device(YamlMap d) {
        String where = d.where();
        String id = Values.text(d, "id", true);
        if (id != null) {
            if (!Values.ID.matcher(id).matches()) {
                problems.add(d.value("id"), where + ": id may use only " + Values.ID_HINT);
            }
            Integer first = ids.putIfAbsent(id, Values.line(d.value("id")));
            if (first != null) {
                problems.add(d.value("id"), "device id '" + id + "' is used twice (first on line " + first + ")");
            }
        }
        DeviceProfile profile = profile(d);
        String address;
        String bus = null;
        if (profile != null && RTU.equals(profile.protocol())) {
            bus = bus(d, profile);
            Integer unitId = unitId(d, bus);
            address = unitId == null ? null : unitId.toString();
            if (d.value("address") != null) {
                problems.add(d.value("address"), where + ": a Modbus RTU device is reached by 'bus:' and 'unitId:',"
                        + " not 'address:' (profile " + profile.id() + " speaks modbus-rtu)");
            }
        } else {
            // with the profile unknown (reported), a device written for a bus is not also told it lacks an address
            boolean onABus = profile == null && (d.value("bus") != null || d.value("unitId") != null);
            address = Values.text(d, "address", !onABus);
            if (profile != null) {
                notOnABus(d, profile);
                if (address != null) addresses.check(profile.protocol(), address, d.value("address"), where);
            }
        }
        String site = Values.text(d, "site", true);
        List<String> rules = overrides.read(d, profile);
        return new GatewayConfig.Device(id, profile == null ? Values.text(d, "profile", false) : profile.id(), address,
                bus, site, Values.text(d, "unit", false), Values.text(d, "area", false),
                Values.text(d, "resident", false), rules);
    }

    /** The device's profile from the catalog; null (reported) when it is not a profile id or not in the catalog. */
    private DeviceProfile profile(YamlMap d) {
        String profileId = Values.text(d, "profile", true);
        if (profileId == null) return null;
        if (!PROFILE_ID.matcher(profileId).matches()) {
            problems.add(d.value("profile"), d.where() + ": profile '" + profileId + "' is not a profile id"
                    + " (lower-case letters, digits, '-', e.g. smoke-detector-gpio)");
            return null;
        }
        Optional<DeviceProfile> found = catalog.find(profileId);
        if (found.isEmpty()) {
            List<String> known = catalog.all().stream().map(DeviceProfile::id).sorted().toList();
            problems.add(d.value("profile"), d.where() + ": profile '" + profileId + "' is not in the profile catalog"
                    + " (shipped profiles and profiles.directory)" + rejected(profileId)
                    + YamlMap.didYouMean(profileId, known, "known profiles"));
            return null;
        }
        return found.get();
    }

    /** Why a profile file of that name in profiles.directory was skipped, if it was. */
    private String rejected(String profileId) {
        for (ProfileException p : catalog.problems()) {
            Path file = Path.of(p.file()).getFileName();
            if (file != null && (file.toString().equals(profileId + ".yaml") || file.toString().equals(profileId + ".yml"))) {
                return "; its file was rejected: " + p.describe();
            }
        }
        return "";
    }

    private String bus(YamlMap d, DeviceProfile profile) {
        String bus = Values.text(d, "bus", false);
        if (bus == null) {
            problems.add(d.node(), d.where() + " needs 'bus:' naming one of the buses declared under buses:"
                    + " (profile " + profile.id() + " speaks modbus-rtu)" + declared(""));
            return null;
        }
        if (!buses.contains(bus)) {
            problems.add(d.value("bus"), d.where() + ": bus '" + bus + "' is not declared under buses:" + declared(bus));
            return null;
        }
        return bus;
    }

    private String declared(String got) {
        if (buses.isEmpty()) return "; no bus is declared yet";
        return YamlMap.didYouMean(got, List.copyOf(buses), "declared buses");
    }

    private Integer unitId(YamlMap d, String bus) {
        Integer unit = d.integer("unitId", true, 1, 247, "a Modbus unit id from 1 to 247 (unique on its bus)");
        if (unit == null || bus == null) return unit;
        String here = d.where() + " (line " + Values.line(d.value("unitId")) + ")";
        String first = units.computeIfAbsent(bus, b -> new HashMap<>()).putIfAbsent(unit, here);
        if (first != null) {
            problems.add(d.value("unitId"), d.where() + ": unit id " + unit + " on bus '" + bus + "' is already used by "
                    + first + "; each device on a bus needs its own unit id");
            return null;
        }
        return unit;
    }

    private void notOnABus(YamlMap d, DeviceProfile profile) {
        if (d.value("bus") != null) {
            problems.add(d.value("bus"), d.where() + ": 'bus:' is for Modbus RTU devices, and profile " + profile.id()
                    + " speaks " + profile.protocol() + (profile.protocol().equals("modbus-tcp")
                    ? "; devices behind one host:port already share one request queue: remove 'bus:'" : ": remove 'bus:'"));
        }
        if (d.value("unitId") != null) {
            problems.add(d.value("unitId"), d.where() + ": 'unitId:' is for Modbus RTU devices on a bus; profile "
                    + profile.id() + " speaks " + profile.protocol() + (profile.protocol().equals("modbus-tcp")
                    ? " (its unit id goes in the address: host:port/unit)" : ""));
        }
    }
}
