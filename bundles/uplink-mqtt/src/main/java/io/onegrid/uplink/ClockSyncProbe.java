package io.onegrid.uplink;

import io.onegrid.protocol.Body;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Whether this board's wall clock is synchronised, as far as the gateway can know without privileges: Debian's and
 * Raspberry Pi OS's time service, systemd-timesyncd, touches {@code /run/systemd/timesync/synchronized} on each
 * successful synchronisation (systemd-timesyncd.service(8)), and {@code /run} starts empty at every boot. So the flag
 * means SYNCED. Its absence proves nothing (timesyncd has not synchronised yet, or chrony or ntpd keep the clock,
 * or there is no time service at all): UNKNOWN, never a guessed UNSYNCED. The hub measures the offset either way.
 */
final class ClockSyncProbe implements Supplier<Body.ClockSync> {
    static final Path TIMESYNCD_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final Path flag;

    ClockSyncProbe(Path flag) {
        this.flag = flag;
    }

    static ClockSyncProbe system() {
        return new ClockSyncProbe(TIMESYNCD_FLAG);
    }

    @Override
    public Body.ClockSync get() {
        return Files.exists(flag) ? Body.ClockSync.SYNCED : Body.ClockSync.UNKNOWN;
    }
}
