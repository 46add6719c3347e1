package io.onegrid.gateway.config;

import java.util.List;

/** What one apply changed, by PID (devices as "io.onegrid.device~&lt;id&gt;"); used for the INFO log line. */
public record SyncReport(List<String> created, List<String> updated, List<String> deleted, int unchanged) {
    public SyncReport {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    public boolean changedAnything() {
        return !created.isEmpty() || !updated.isEmpty() || !deleted.isEmpty();
    }

    @Override
    public String toString() {
        return "created " + created + ", updated " + updated + ", deleted " + deleted + ", unchanged " + unchanged;
    }
}
