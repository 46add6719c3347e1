package io.onegrid.api;

import java.util.List;

/** Where readings go: the poller hands drivers one for interrupt-driven inputs. */
@FunctionalInterface
public interface ReadingSink {
    void accept(List<Reading> readings);
}
