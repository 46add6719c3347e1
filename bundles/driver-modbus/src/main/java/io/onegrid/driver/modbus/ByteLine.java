package io.onegrid.driver.modbus;

import java.io.IOException;

/**
 * A byte pipe that carries RTU frames: a serial port, or a TCP connection to a serial server at the riser.
 * {@link RtuLink} does the framing, so both kinds of line share one tested implementation of it.
 */
public interface ByteLine extends AutoCloseable {
    /** Opens the line if it is not open (idempotent); IOException when the port or server cannot be reached. */
    void open() throws IOException;

    boolean isOpen();

    void write(byte[] frame) throws IOException;

    /**
     * Reads what has arrived, waiting at most {@code timeoutMs} for the first byte: the count read, 0 when nothing
     * came in time. IOException when the line broke (the link then closes and reopens it).
     */
    int read(byte[] buffer, int offset, int length, int timeoutMs) throws IOException;

    /** Drops every byte received and not read yet (late answers to an earlier request, noise). */
    void discardInput() throws IOException;

    @Override
    void close();

    /** For messages: "/dev/ttyUSB0 9600 8N1" or "10.0.3.20:4001". */
    String describe();
}
