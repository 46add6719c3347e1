package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buses in the file become factory configurations of io.onegrid.driver.modbus.bus, and go when they leave it. */
class BusConfigurationsTest {
    private static final PasswordFile NO_PASSWORD = null;

    @TempDir
    Path dir;

    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final ConfigSync sync = new ConfigSync(store);

    @BeforeEach
    void profiles() throws Exception {
        FieldProfiles.writeTo(dir.resolve("profiles"));
    }

    private DesiredConfigurations translate(String yaml) throws ConfigException {
        return ConfigTranslator.translate(new GatewayConfigParser(dir).parse("gw.yaml", yaml), NO_PASSWORD, "src");
    }

    /**
     * GIVEN two buses WHEN translated THEN each is one factory configuration named by the bus, holding exactly the
     * contract's properties the file sets, typed String and Integer, and the marker of the file it came from.
     */
    @Test
    void eachBusIsOneFactoryConfigurationWithTypedProperties() throws Exception {
        Map<String, Map<String, Object>> buses = translate(BusesConfigTest.FILE).buses();

        assertThat(buses).containsOnlyKeys("riser-a", "riser-b");
        assertThat(buses.get("riser-a")).containsExactlyInAnyOrderEntriesOf(Map.of(Pids.SOURCE, "src",
                "name", "riser-a", "kind", "rtu", "port", "/dev/ttyUSB0", "baud", 19200, "parity", "even",
                "timeoutMs", 500, "retries", 2, "maxRegisters", 60));
        assertThat(buses.get("riser-b")).containsExactlyInAnyOrderEntriesOf(Map.of(Pids.SOURCE, "src",
                "name", "riser-b", "kind", "rtu-tcp", "host", "10.0.3.20", "tcpPort", 4001));
        assertThat(BusKeys.ALL).containsAll(buses.get("riser-a").keySet().stream().filter(k -> !k.equals(Pids.SOURCE)).toList());
    }

    /** GIVEN a device on a bus WHEN translated THEN its device configuration carries the bus name and the unit id as address. */
    @Test
    void aDeviceOnABusCarriesTheBusAndItsUnitId() throws Exception {
        Map<String, Object> gas = translate(BusesConfigTest.FILE).devices().get("gas-1");

        assertThat(gas).contains(entry("bus", "riser-a"), entry("address", "3"), entry("profile", "gas-detector-rtu"));
        assertThat((String[]) gas.get("overrides")).containsExactly("gas-high.above=20");
    }

    /**
     * GIVEN an applied file WHEN it is applied again and then with one bus setting changed THEN nothing is written
     * the first time and only that bus's configuration the second.
     */
    @Test
    void rewritesOnlyTheChangedBus() throws Exception {
        SyncReport first = sync.apply(translate(BusesConfigTest.FILE), "src");
        store.writes.clear();

        SyncReport again = sync.apply(translate(BusesConfigTest.FILE), "src");
        SyncReport faster = sync.apply(translate(BusesConfigTest.FILE.replace("baud: 19200", "baud: 38400")), "src");

        assertThat(first.created()).contains(Pids.BUS_FACTORY + "~riser-a", Pids.BUS_FACTORY + "~riser-b");
        assertThat(again.changedAnything()).isFalse();
        assertThat(faster.updated()).containsExactly(Pids.BUS_FACTORY + "~riser-a");
        assertThat(store.writes).containsExactly("put " + Pids.BUS_FACTORY + "~riser-a");
        assertThat(store.configs.get(Pids.BUS_FACTORY + "~riser-a")).containsEntry("baud", 38400);
    }

    /**
     * GIVEN an applied file WHEN bus riser-b and its device leave the file THEN both configurations are deleted, the
     * device before the bus, and riser-a and its device are untouched.
     */
    @Test
    void removingABusDeletesItsConfigurationAfterItsDevices() throws Exception {
        sync.apply(translate(BusesConfigTest.FILE), "src");
        store.writes.clear();
        String withoutB = BusesConfigTest.FILE
                .replace("  - name: riser-b\n    kind: rtu-tcp\n    host: 10.0.3.20\n    tcpPort: 4001\n", "");
        withoutB = withoutB.substring(0, withoutB.indexOf("  - id: gas-2"));

        SyncReport report = sync.apply(translate(withoutB), "src");

        assertThat(report.deleted()).containsExactly(Pids.DEVICE_FACTORY + "~gas-2", Pids.BUS_FACTORY + "~riser-b");
        assertThat(store.writes).containsExactly("delete " + Pids.DEVICE_FACTORY + "~gas-2",
                "delete " + Pids.BUS_FACTORY + "~riser-b");
        assertThat(store.configs).containsKeys(Pids.BUS_FACTORY + "~riser-a", Pids.DEVICE_FACTORY + "~gas-1");
    }

    /** GIVEN a bus configuration made by someone else WHEN the file is applied THEN it is kept. */
    @Test
    void keepsBusConfigurationsItDidNotCreate() throws Exception {
        store.putFactory(Pids.BUS_FACTORY, "bench-line", new HashMap<>(Map.of("name", "bench-line", "kind", "rtu")));

        SyncReport report = sync.apply(translate(BusesConfigTest.FILE), "src");

        assertThat(report.deleted()).isEmpty();
        assertThat(store.configs).containsKey(Pids.BUS_FACTORY + "~bench-line");
    }
}
