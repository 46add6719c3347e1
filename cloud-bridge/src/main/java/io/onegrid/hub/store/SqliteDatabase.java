package io.onegrid.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file in WAL mode with synchronous=FULL (a commit survives power loss, which is what "acknowledge
 * after commit" promises). One writer connection, used under its own lock (SQLite has one writer anyway), and
 * a small pool of read connections that WAL lets run beside it.
 */
final class SqliteDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int READERS = 3;

    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private volatile boolean closed;

    SqliteDatabase(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.writer = config(false).createConnection(url());
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the read connections and starts transactions; called after migrations ran. */
    SqliteDatabase ready() {
        try {
            writer.setAutoCommit(false);
            for (int i = 0; i < READERS; i++) readers.add(config(true).createConnection(url()));
            return this;
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private String url() {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static SQLiteConfig config(boolean readOnly) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5000);
        cfg.enforceForeignKeys(true);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (readOnly) cfg.setReadOnly(true);
        return cfg;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    public DataSource dataSource() {
        SQLiteDataSource ds = new SQLiteDataSource(config(false));
        ds.setUrl(url());
        return ds;
    }

    @Override
    public <T> T write(String what, Work<T> work) {
        synchronized (writer) {
            checkOpen();
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (SQLException re) {
                    LOG.warn("rollback failed: {}", re.getMessage());
                }
                if (e instanceof StoreException se) throw se;
                if (e instanceof io.onegrid.hub.errors.HubException he) throw he; // a refusal, not a database failure
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public <T> T read(String what, Work<T> work) {
        checkOpen();
        Connection c;
        try {
            c = readers.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + " interrupted");
        }
        if (c == null) throw new StoreException(what + ": no database connection free");
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
            if (closed) closeReaders(); // close() ran while this connection was out
        }
    }

    private void checkOpen() {
        if (closed) throw new StoreException("store is closed");
    }

    private void closeReaders() {
        List<Connection> all = new ArrayList<>();
        readers.drainTo(all);
        for (Connection r : all) {
            try {
                r.close();
            } catch (SQLException e) {
                LOG.warn("closing database connection: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        synchronized (writer) {
            if (closed) return;
            closed = true;
            // readers first: the last connection to close checkpoints the WAL, and only the writer can
            closeReaders();
            try {
                writer.close();
            } catch (SQLException e) {
                LOG.warn("closing database connection: {}", e.getMessage());
            }
        }
    }
}
