package io.onegrid.driver.coap;

import io.onegrid.api.Reading;
import io.onegrid.api.ReadingSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every reading a driver pushed, in order, for Awaitility to wait on. */
final class RecordingSink implements ReadingSink {
    final List<Reading> readings = new CopyOnWriteArrayList<>();

    @Override
    public void accept(List<Reading> batch) {
        readings.addAll(batch);
    }

    List<Reading> of(String channel) {
        return readings.stream().filter(r -> r.channel().equals(channel)).toList();
    }
}
