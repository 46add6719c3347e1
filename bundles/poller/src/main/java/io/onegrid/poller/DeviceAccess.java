package io.onegrid.poller;

import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.DriverException;
import io.onegrid.api.Reading;
import io.onegrid.profile.DeviceProfile;
import java.util.List;
import java.util.Optional;

/**
 * Bundle-internal service: what the poller's command handlers ({@link ReadCommand}, {@link WriteCommand}) need of
 * the running devices besides the public registry and writer: each device's resolved profile and a read now.
 */
interface DeviceAccess extends DeviceRegistry, ChannelWriter {
    Optional<DeviceProfile> profileOf(String deviceId);

    List<Reading> readNow(String deviceId) throws DriverException;
}
