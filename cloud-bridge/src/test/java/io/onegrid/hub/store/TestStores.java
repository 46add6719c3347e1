package io.onegrid.hub.store;

import io.onegrid.hub.cases.SlaPolicyFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores for tests: a real SQLite file, or a database on a real PostgreSQL server (zonky's PostgreSQL 16
 * binaries, started once per test JVM on a free loopback port and stopped at exit). Each PostgreSQL store gets
 * a fresh database, so tests do not see each other's rows.
 */
public final class TestStores {
    public static final Duration WINDOW = Duration.ofMinutes(30);
    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestStores() { }

    public static JdbcHubStore.Options options() {
        return new JdbcHubStore.Options(SlaPolicyFile.load(Optional.empty(), WINDOW), Duration.ofMinutes(2),
                Duration.ofMinutes(3));
    }

    public static JdbcHubStore sqlite(Path file, Clock clock) {
        return JdbcHubStore.openSqlite(file, clock, options());
    }

    /** The shared server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
            }
            EmbeddedPostgres s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's folder is temporary
                }
            }, "test-postgres-stop"));
        }
        return server;
    }

    /** A new empty database on the shared server; returns its JDBC URL. */
    public static String newPostgresDatabase() {
        String name = "hub_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name;
    }

    public static JdbcHubStore postgres(Clock clock) {
        return postgres(newPostgresDatabase(), clock);
    }

    public static JdbcHubStore postgres(String url, Clock clock) {
        return JdbcHubStore.openPostgres(url, "postgres", "postgres", clock, options());
    }
}
