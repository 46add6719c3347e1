package io.onegrid.hub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL server through a HikariCP pool. Writers run concurrently (several hub nodes may share the
 * database); work that must not interleave takes {@link SqlDialect#transactionLock()}. The password is
 * handed to the pool only, never logged (the pool's toString and errors name user and URL only).
 */
final class PostgresDatabase implements Database {
    private final HikariDataSource pool;

    PostgresDatabase(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("onegrid-hub-db");
        cfg.setAutoCommit(false);
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(10_000);
        cfg.addDataSourceProperty("ApplicationName", "onegrid-hub");
        try {
            this.pool = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + url + " as " + user + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public <T> T write(String what, Work<T> work) {
        return run(what, work, true);
    }

    @Override
    public <T> T read(String what, Work<T> work) {
        return run(what, work, false);
    }

    private <T> T run(String what, Work<T> work, boolean commit) {
        if (pool.isClosed()) throw new StoreException("store is closed");
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                if (commit) c.commit(); else c.rollback();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (StoreException | io.onegrid.hub.errors.HubException e) {
            throw e; // a refusal (HubException) is not a database failure
        } catch (SQLException | RuntimeException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
