package io.onegrid.driver.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * RTU frames over a TCP connection to a serial device server (the "rtu-tcp" bus kind): the server copies bytes
 * between the socket and its RS-485 port, so the frames, CRC and timing rules are those of the serial line.
 */
final class TcpSerialLine implements ByteLine {
    private final String host;
    private final int port;
    private final int connectTimeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    TcpSerialLine(String host, int port, int connectTimeoutMs) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    @Override
    public void open() throws IOException {
        if (isOpen()) return;
        close();
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            in = fresh.getInputStream();
            out = fresh.getOutputStream();
            socket = fresh;
        } catch (IOException e) {
            fresh.close();
            throw new IOException("cannot connect to the serial server " + describe() + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMs) throws IOException {
        socket.setSoTimeout(Math.max(1, timeoutMs));
        try {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new IOException("the serial server " + describe() + " closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void discardInput() throws IOException {
        int available;
        while ((available = in.available()) > 0) {
            in.skip(available);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            socket = null;
        }
    }

    @Override
    public String describe() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
