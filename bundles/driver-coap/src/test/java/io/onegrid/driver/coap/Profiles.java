package io.onegrid.driver.coap;

import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ReportSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** CoAP profiles and devices for tests, built from the model records. */
final class Profiles {
    private Profiles() {
    }

    static DeviceProfile profile(Duration interval, Duration timeout, ChannelSpec... channels) {
        return new DeviceProfile("env-sensor-coap", "Environment sensor", "environment", "generic", "coap", interval,
                timeout, new ReportSpec(Map.of(), Duration.ofMinutes(15)), List.of(channels), List.of(),
                "test:env-sensor-coap.yaml");
    }

    static ChannelSpec channel(String id, DataType type, CoapPoint point) {
        return new ChannelSpec(id, id, type == DataType.BOOL || type == DataType.STRING ? null : "degC", type,
                Access.READ, null, null, point);
    }

    static ChannelSpec writable(String id, DataType type, CoapPoint point) {
        return new ChannelSpec(id, id, null, type, Access.READ_WRITE, null, null, point);
    }

    static CoapPoint get(String path, int format, String pointer) {
        return new CoapPoint(path, format, false, pointer);
    }

    static CoapPoint observe(String path, int format, String pointer) {
        return new CoapPoint(path, format, true, pointer);
    }

    static DeviceRef device(String address) {
        return new DeviceRef("flat302-env", "env-sensor-coap", address, null, new Coverage("site-a", "flat302", null, null),
                Map.of());
    }
}
