package io.onegrid.poller;

import static io.onegrid.poller.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.Reading;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ReportSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code devices} command against a real poller (virtual time, bus jobs inline) and a fake driver. */
class DevicesCommandTest {
    private static final DeviceProfile TANK = new DeviceProfile("tank-1s", "tank", "test", "OneGrid", "fake",
            Duration.ofSeconds(1), Duration.ofMillis(200), new ReportSpec(Map.of(), Duration.ofMinutes(1)),
            List.of(new ChannelSpec("level", "level", "m", DataType.FLOAT32, Access.READ, null, null, null)),
            List.of(), "test:tank");

    private final ManualTime time = new ManualTime();
    private final FakeDriver driver = new FakeDriver("fake", time);
    private final LastValues values = new LastValues();
    private Poller poller;
    private DevicesCommand devices;

    @BeforeEach
    void setUp() {
        poller = new Poller(Fixtures.catalog(TANK), time, Runnable::run, time,
                new PollerSettings(3, 8_000, 0.2, 10_000, 1_000), new Random(42));
        poller.addDriver("fake", driver);
        poller.addListener(values);
        devices = new DevicesCommand(poller, values);
    }

    /** GIVEN a polled device WHEN devices is asked THEN it lists the device with its state, reading age and last value. */
    @Test
    @SuppressWarnings("unchecked")
    void listsEachDeviceWithStateAgeAndLastValues() throws Exception {
        driver.scripts.put("tank", d -> List.of(Reading.good("tank", "level", 2.5, "m", time)));
        poller.put("pid-1", device("tank", "tank-1s", "10.0.0.5:502/1", null));
        time.advance(1_500);

        List<Map<String, Object>> list = (List<Map<String, Object>>) devices.handle(CommandArgs.none()).get("devices");

        assertThat(list).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("device", "tank").containsEntry("profile", "tank-1s").containsEntry("state", "ok");
            assertThat(d.get("lastReadingAgeMs")).isNotNull();
            assertThat((List<Map<String, Object>>) d.get("values")).singleElement()
                    .satisfies(v -> assertThat(v).containsEntry("channel", "level").containsEntry("value", 2.5));
        });
    }

    /** GIVEN a device removed from the configuration WHEN devices is asked THEN it is gone, values included. */
    @Test
    void removedDeviceIsNotListed() throws Exception {
        driver.scripts.put("tank", d -> List.of(Reading.good("tank", "level", 2.5, "m", time)));
        poller.put("pid-1", device("tank", "tank-1s", "10.0.0.5:502/1", null));
        time.advance(1_500);
        poller.remove("pid-1");

        assertThat((List<?>) devices.handle(CommandArgs.none()).get("devices")).isEmpty();
        assertThat(values.of("tank")).isEmpty();
    }

    /** A misspelt argument is refused, not ignored. */
    @Test
    void refusesArguments() {
        assertThatThrownBy(() -> devices.handle(new CommandArgs(Map.of("device", "tank"))))
                .isInstanceOf(CommandException.class).hasMessageContaining("takes none");
    }
}
