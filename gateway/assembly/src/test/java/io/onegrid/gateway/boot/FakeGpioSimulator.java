package io.onegrid.gateway.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the GPIO simulator's wire protocol (HELLO, then a LINE snapshot) on an ephemeral port for
 * the gateway's GPIO driver to connect; commands are read and ignored.
 */
final class FakeGpioSimulator implements AutoCloseable {
    private final ServerSocket server;

    FakeGpioSimulator(String... lines) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    OutputStream out = s.getOutputStream();
                    StringBuilder hello = new StringBuilder("HELLO onegrid-gpio-sim 1\n");
                    for (String line : lines) hello.append("LINE ").append(line).append('\n');
                    out.write(hello.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread reader = new Thread(() -> drain(s), "fake-gpio-client");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-gpio-sim");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private static void drain(Socket s) {
        try (s; BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            while (r.readLine() != null) {
                // commands (SET ...) are accepted and ignored
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
