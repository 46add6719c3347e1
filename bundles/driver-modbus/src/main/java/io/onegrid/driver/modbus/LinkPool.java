package io.onegrid.driver.modbus;

import java.util.HashMap;
import java.util.Map;

/** One {@link TcpLink} per host:port, shared by the devices behind it and closed when the last one leaves. */
final class LinkPool implements AutoCloseable {
    private final Map<String, Entry> links = new HashMap<>();

    private static final class Entry {
        final TcpLink link;
        int users;

        Entry(TcpLink link) {
            this.link = link;
        }
    }

    synchronized TcpLink acquire(ModbusAddress address) {
        Entry entry = links.computeIfAbsent(address.endpoint(),
                key -> new Entry(new TcpLink(address.host(), address.port(), key)));
        entry.users++;
        return entry.link;
    }

    void release(TcpLink link) {
        TcpLink toClose = null;
        synchronized (this) {
            Entry entry = links.get(link.endpoint());
            if (entry != null && entry.link == link && --entry.users == 0) {
                links.remove(link.endpoint());
                toClose = link;
            }
        }
        if (toClose != null) {
            toClose.close(); // outside the pool lock: waits for a request in flight on that link
        }
    }

    synchronized int size() {
        return links.size();
    }

    @Override
    public void close() {
        Map<String, Entry> all;
        synchronized (this) {
            all = new HashMap<>(links);
            links.clear();
        }
        all.values().forEach(e -> e.link.close());
    }
}
