package io.onegrid.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections to one database. {@link #write} runs work in one transaction and commits it (rolling back on
 * any failure); {@link #read} runs work on a connection that sees committed data. Failures become
 * {@link StoreException} carrying the cause, so callers can tell transient ones ({@link StoreErrors}).
 */
interface Database extends AutoCloseable {

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    SqlDialect dialect();

    /** For schema migrations only. */
    DataSource dataSource();

    <T> T write(String what, Work<T> work);

    <T> T read(String what, Work<T> work);

    @Override
    void close();
}
