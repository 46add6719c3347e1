package io.onegrid.poller;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ReportSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Profiles, device settings and a recording listener for poller tests. */
final class Fixtures {
    private Fixtures() { }

    static DeviceProfile profile(String id, String protocol, Duration interval) {
        return new DeviceProfile(id, id, "test", "OneGrid", protocol, interval, Duration.ofMillis(200),
                new ReportSpec(Map.of("level", 0.5), Duration.ofMinutes(1)),
                List.of(new ChannelSpec("level", "level", "m", DataType.FLOAT32, Access.READ, null, null, null),
                        new ChannelSpec("siren", "siren", null, DataType.BOOL, Access.WRITE, null, null, null)),
                List.of(), "test:" + id);
    }

    static Function<String, Optional<DeviceProfile>> catalog(DeviceProfile... profiles) {
        return id -> List.of(profiles).stream().filter(p -> p.id().equals(id)).findFirst();
    }

    static DeviceSettings device(String id, String profile, String address, String bus) {
        return DeviceSettings.of(id, profile, address, bus, "site-1", "flat-302", null, null, new String[0]);
    }

    /** Remembers every batch and every communication change, in order. */
    static final class Recorder implements ReadingListener {
        final List<List<Reading>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> communication = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onReadings(List<Reading> readings) {
            batches.add(readings);
        }

        @Override
        public void onCommunication(DeviceRef device, boolean faulted, String reason) {
            communication.add(device.id() + (faulted ? " offline: " : " online: ") + reason);
        }

        List<Reading> readings(String deviceId) {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).filter(r -> r.deviceId().equals(deviceId)).toList();
            }
        }
    }
}
