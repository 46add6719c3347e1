package io.onegrid.hub.store;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Write transactions whose live events ({@link Tx#event}) reach the listeners once the transaction committed. */
final class TxWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TxWriter.class);

    interface TxWork<T> { T run(Tx tx) throws SQLException; }

    private final Database db;
    private final Clock clock;
    private final List<Consumer<List<HubEvent>>> listeners = new CopyOnWriteArrayList<>();

    TxWriter(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void onEvents(Consumer<List<HubEvent>> listener) {
        listeners.add(listener);
    }

    <T> T write(String what, TxWork<T> work) {
        Tx[] holder = new Tx[1];
        T result = db.write(what, c -> {
            Tx tx = new Tx(c, clock.millis());
            holder[0] = tx;
            return work.run(tx);
        });
        List<HubEvent> events = holder[0].events();
        if (!events.isEmpty()) {
            for (Consumer<List<HubEvent>> l : listeners) {
                try {
                    l.accept(events);
                } catch (RuntimeException e) {
                    LOG.warn("live event listener failed: {}", e.toString());
                }
            }
        }
        return result;
    }
}
