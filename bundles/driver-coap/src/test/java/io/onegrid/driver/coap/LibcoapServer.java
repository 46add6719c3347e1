package io.onegrid.driver.coap;

import io.onegrid.testing.ThirdPartyPeers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian libcoap's example server ({@code coap-server-notls}, or {@code coap-server-openssl} for DTLS-PSK on the
 * port above), a CoAP implementation we did not write, on a free loopback port. Its built-in resources include
 * {@code /time} (observable, Max-Age 1, notifies every second; {@code /time?ticks} gives epoch seconds) and
 * {@code /example_data} (text, takes PUT).
 */
final class LibcoapServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private LibcoapServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Plain CoAP on a free port. */
    static LibcoapServer plain(Path log) throws IOException {
        Path exe = ThirdPartyPeers.require("coap-server-notls", "libcoap3-bin");
        return start(exe, List.of(), log);
    }

    /** CoAP on a free port and DTLS-PSK on the port above it, accepting any identity with {@code key}. */
    static LibcoapServer psk(String key, Path log) throws IOException {
        Path exe = ThirdPartyPeers.require("coap-server-openssl", "libcoap3-bin");
        return start(exe, List.of("-k", key, "-h", "onegrid"), log);
    }

    private static LibcoapServer start(Path exe, List<String> extra, Path log) throws IOException {
        int port = freePortPair();
        List<String> command = new ArrayList<>(List.of(exe.toString(), "-A", "127.0.0.1", "-p", String.valueOf(port), "-v", "4"));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new LibcoapServer(process, port);
    }

    /** A UDP port free now, whose successor (libcoap's DTLS port) is free too. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port >= 65535) continue;
                try (DatagramSocket second = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no free pair of UDP ports on loopback");
    }

    String coap() {
        return "coap://127.0.0.1:" + port;
    }

    String coaps(String identity, Path keyFile) {
        return "coaps://127.0.0.1:" + (port + 1) + "?psk-id=" + identity + "&psk-file=" + keyFile;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
