package io.onegrid.driver.gpio;

import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.GpioPoint;
import io.onegrid.profile.ReportSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The shared-contract smoke detector profile and small fixtures, built from the model records. */
final class TestProfiles {
    static final String SMOKE_PROFILE = "smoke-detector-gpio";
    static final Duration DEBOUNCE = Duration.ofMillis(50);

    private TestProfiles() {
    }

    static DeviceProfile smokeDetector() {
        return new DeviceProfile(SMOKE_PROFILE, "Smoke detector relay", "smoke", "generic", "gpio",
                Duration.ofSeconds(10), Duration.ofSeconds(1), new ReportSpec(Map.of(), Duration.ofMinutes(15)),
                List.of(new ChannelSpec("smoke", "smoke detected", null, DataType.BOOL, Access.READ, null,
                                new GpioPoint(GpioPoint.Direction.IN, GpioPoint.Pull.UP, GpioPoint.Level.LOW, DEBOUNCE), null),
                        new ChannelSpec("siren", "local siren", null, DataType.BOOL, Access.WRITE, null,
                                new GpioPoint(GpioPoint.Direction.OUT, GpioPoint.Pull.NONE, GpioPoint.Level.HIGH, Duration.ZERO), null)),
                List.of(), "test:smoke-detector-gpio.yaml");
    }



    static DeviceRef device(String id, String address) {
        return new DeviceRef(id, SMOKE_PROFILE, address, "gpio", new Coverage("site-a", "flat302", null, null), Map.of());
    }

    /** A clock that ticks one millisecond per read, so readings are ordered and deterministic. */
    static GatewayClock tickingClock() {
        AtomicLong ms = new AtomicLong(1_700_000_000_000L);
        return new GatewayClock() {
            @Override
            public long wallMs() {
                return ms.incrementAndGet();
            }

            @Override
            public long monoMs() {
                return ms.get() - 1_700_000_000_000L;
            }
        };
    }
}
