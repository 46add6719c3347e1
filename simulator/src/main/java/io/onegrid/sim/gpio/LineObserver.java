package io.onegrid.sim.gpio;

/** Told of every level broadcast; called while the bank is locked, so it must not block. */
@FunctionalInterface
public interface LineObserver {
    void line(String name, int level);
}
