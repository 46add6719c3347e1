package io.onegrid.driver.gpio;

import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Keeps every reading pushed to it. */
final class RecordingSink implements ReadingSink {
    final List<Reading> readings = new CopyOnWriteArrayList<>();

    @Override
    public void accept(List<Reading> batch) {
        readings.addAll(batch);
    }

    /** The channel's readings as "true", "false" or "BAD", in order. */
    List<String> values(String channel) {
        return readings.stream().filter(r -> r.channel().equals(channel))
                .map(r -> r.quality() == Quality.BAD ? "BAD" : String.valueOf(r.value()))
                .collect(Collectors.toList());
    }

    void clear() {
        readings.clear();
    }
}
