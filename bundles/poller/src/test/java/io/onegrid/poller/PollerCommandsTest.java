package io.onegrid.poller;

import static io.onegrid.poller.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandException.Code;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.Reading;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ReportSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub's read and write commands against a real poller (virtual time, bus jobs inline) and a fake driver. */
class PollerCommandsTest {
    /** A level sensor (read), a siren (write) and a set point (read-write number). */
    private static final DeviceProfile TANK = new DeviceProfile("tank-1s", "tank", "test", "OneGrid", "fake",
            Duration.ofSeconds(1), Duration.ofMillis(200), new ReportSpec(Map.of(), Duration.ofMinutes(1)),
            List.of(new ChannelSpec("level", "level", "m", DataType.FLOAT32, Access.READ, null, null, null),
                    new ChannelSpec("siren", "siren", null, DataType.BOOL, Access.WRITE, null, null, null),
                    new ChannelSpec("setpoint", "set point", "m", DataType.UINT16, Access.READ_WRITE, null, null, null)),
            List.of(), "test:tank");

    private final ManualTime time = new ManualTime();
    private final FakeDriver driver = new FakeDriver("fake", time);
    private Poller poller;
    private ReadCommand read;
    private WriteCommand write;

    @BeforeEach
    void setUp() {
        poller = new Poller(Fixtures.catalog(TANK), time, Runnable::run, time,
                new PollerSettings(3, 8_000, 0.2, 10_000, 1_000), new Random(42));
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "tank-1s", "10.0.0.5:502/1", null));
        time.advance(100);
        DeviceAccess access = new PollerAccess(poller);
        read = new ReadCommand(access);
        write = new WriteCommand(access);
    }

    private static CommandArgs args(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return new CommandArgs(m);
    }

    private static Code codeOf(ThrowingCall call) {
        try {
            call.run();
        } catch (CommandException e) {
            return e.code();
        }
        throw new AssertionError("no CommandException");
    }

    private interface ThrowingCall {
        void run() throws CommandException;
    }

    /** GIVEN a running device WHEN it is read by command THEN the driver is polled once more and the reply holds that poll. */
    @Test
    void readPollsTheDeviceNow() throws Exception {
        int pollsBefore = driver.entries("poll tank").size();
        driver.scripts.put("tank", d -> List.of(Reading.good("tank", "level", 2.5, "m", time)));

        Map<String, Object> result = read.handle(args("device", "tank"));

        assertThat(driver.entries("poll tank")).hasSize(pollsBefore + 1);
        assertThat(result).containsEntry("device", "tank").containsEntry("online", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> readings = (List<Map<String, Object>>) result.get("readings");
        assertThat(readings).singleElement().satisfies(r -> assertThat(r).containsEntry("channel", "level")
                .containsEntry("value", 2.5).containsEntry("unit", "m").containsEntry("quality", "good"));
    }

    /** An unknown device, a device whose driver fails, and a misspelt argument each get their own code. */
    @Test
    void readRefusals() {
        assertThat(codeOf(() -> read.handle(args("device", "pump")))).isEqualTo(Code.UNKNOWN_DEVICE);
        assertThat(codeOf(() -> read.handle(args("devise", "tank")))).isEqualTo(Code.BAD_REQUEST);
        driver.scripts.put("tank", d -> {
            throw new DriverException(DriverException.Code.TIMEOUT, "no answer from unit 1");
        });
        assertThatThrownBy(() -> read.handle(args("device", "tank"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("TIMEOUT").hasMessageContaining("no answer from unit 1")
                .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(Code.DEVICE_ERROR));
    }

    /** GIVEN a sounding siren WHEN written false by command THEN the driver writes it and the reply echoes the value. */
    @Test
    void writeSilencesASiren() throws Exception {
        Map<String, Object> result = write.handle(args("device", "tank", "channel", "siren", "value", false));

        assertThat(driver.entries("write")).containsExactly("write tank siren=false");
        assertThat(result).containsEntry("channel", "siren").containsEntry("value", false);
    }

    /** A number for a numeric channel is written as the Double the drivers take. */
    @Test
    void writeConvertsNumbers() throws Exception {
        write.handle(args("device", "tank", "channel", "setpoint", "value", 3));

        assertThat(driver.entries("write")).containsExactly("write tank setpoint=3.0");
    }

    /** Read-only and unknown channels, a wrong value type and unknown arguments are refused before any write. */
    @Test
    void writeRefusals() {
        assertThat(codeOf(() -> write.handle(args("device", "tank", "channel", "level", "value", 1)))).isEqualTo(Code.NOT_WRITABLE);
        assertThat(codeOf(() -> write.handle(args("device", "tank", "channel", "horn", "value", true))))
                .isEqualTo(Code.UNKNOWN_CHANNEL);
        assertThat(codeOf(() -> write.handle(args("device", "pump", "channel", "siren", "value", true))))
                .isEqualTo(Code.UNKNOWN_DEVICE);
        assertThat(codeOf(() -> write.handle(args("device", "tank", "channel", "siren", "value", "off"))))
                .isEqualTo(Code.BAD_REQUEST);
        assertThat(codeOf(() -> write.handle(args("device", "tank", "channel", "siren")))).isEqualTo(Code.BAD_REQUEST);
        assertThat(codeOf(() -> write.handle(args("device", "tank", "channel", "siren", "value", true, "force", true))))
                .isEqualTo(Code.BAD_REQUEST);
        assertThatThrownBy(() -> write.handle(args("device", "tank", "channel", "level", "value", 1)))
                .hasMessageContaining("writable: [siren, setpoint]");
        assertThat(driver.entries("write")).isEmpty();
    }

    /** What PollerComponent offers, over a plain poller. */
    private record PollerAccess(Poller poller) implements DeviceAccess {
        @Override public Collection<DeviceRef> devices() { return poller.devices(); }
        @Override public Optional<DeviceRef> device(String id) { return poller.device(id); }
        @Override public boolean online(String id) { return poller.online(id); }
        @Override public void write(String id, String channel, Object value) throws DriverException {
            poller.write(id, channel, value);
        }
        @Override public Optional<DeviceProfile> profileOf(String id) { return poller.profileOf(id); }
        @Override public List<Reading> readNow(String id) throws DriverException { return poller.readNow(id); }
    }
}
