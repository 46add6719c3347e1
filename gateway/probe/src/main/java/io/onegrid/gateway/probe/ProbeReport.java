package io.onegrid.gateway.probe;

import java.util.List;

/** One round of a probe: every readable channel of the profile, in profile order, and how long it took. */
record ProbeReport(String uri, String profile, String profileName, long elapsedMs, List<ChannelResult> channels) {
    ProbeReport {
        channels = List.copyOf(channels);
    }

    /** Whether every channel was read. */
    boolean ok() {
        return !channels.isEmpty() && channels.stream().allMatch(ChannelResult::ok);
    }

    long read() {
        return channels.stream().filter(ChannelResult::ok).count();
    }
}
