package io.onegrid.bench.cases;

import io.onegrid.bench.cases.CaseMix.BenchCase;
import io.onegrid.hub.cases.SlaPolicyFile;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.store.JdbcHubStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A hub database with a year of history: migrated by the store, the bench district ({@link BenchGrid})
 * imported as {@code --grid} would, then the generated cases ({@link CaseMix}) written in by
 * {@link CaseLoader}. Used by the case query bench, and by the alarm event bench to run the hub on a database
 * that is not empty.
 */
public final class CaseHistory {
    /** The data set's "now": fixed, so that every run loads the same cases whatever day it runs. */
    public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    public static final long DEFAULT_SEED = 20261201L;

    private CaseHistory() { }

    /** Creates the SQLite hub database {@code file} with {@code cases} cases; returns the seconds the load took. */
    public static double createSqlite(Path file, int cases, long seed) throws Exception {
        BenchGrid g = BenchGrid.build();
        return createSqlite(file, g, CaseMix.generate(g, cases, seed, NOW.toEpochMilli()));
    }

    static double createSqlite(Path file, BenchGrid g, List<BenchCase> cases) throws Exception {
        prepare(JdbcHubStore.openSqlite(file, clock(), options()), g);
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous = OFF"); // loading only: the hub opens the file with FULL again
            }
            new CaseLoader(c, false).load(g, cases, NOW.toEpochMilli());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Migrates the fresh database (by opening the store) and imports the bench grid, as `--grid` would. */
    static void prepare(JdbcHubStore store, BenchGrid g) {
        try (store) {
            store.replaceGrid(g.grid, GridFile.export(g.grid), "bench");
        }
    }

    static JdbcHubStore.Options options() {
        return new JdbcHubStore.Options(SlaPolicyFile.load(Optional.empty(), Duration.ofMinutes(30)), Duration.ofMinutes(2),
                Duration.ofMinutes(3));
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
