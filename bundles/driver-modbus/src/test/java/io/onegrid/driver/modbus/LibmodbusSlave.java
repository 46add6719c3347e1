package io.onegrid.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.testing.ThirdPartyPeers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * src/test/c/libmodbus_slave.c, built with gcc against Debian's libmodbus the first time a test needs it, run as a
 * process: an RTU slave on a serial line or a Modbus TCP slave. {@link #requests} holds the requests it answered.
 */
final class LibmodbusSlave implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/libmodbus_slave.c");
    private static final Path BINARY = Path.of("target/test-bin/libmodbus_slave");
    private static final String HEADER = "/usr/include/modbus/modbus.h";

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Process process;
    private volatile String ready;

    private LibmodbusSlave(List<String> arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(binary().toString());
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY")) ready = line;
                    else if (line.startsWith("REQ ")) requests.add(line.substring(4));
                }
            } catch (IOException ended) {
                // the slave was stopped
            }
        }, "libmodbus-slave-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> ready != null || !process.isAlive());
            assertThat(process.isAlive()).as("libmodbus slave %s started", arguments).isTrue();
        } catch (RuntimeException | AssertionError e) {
            process.destroy(); // no caller holds it yet
            throw e;
        }
    }

    /** Serves these unit ids on the serial device. */
    static LibmodbusSlave rtu(Path device, int baud, int... units) throws IOException {
        String list = java.util.Arrays.stream(units).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        return new LibmodbusSlave(List.of("rtu", device.toString(), String.valueOf(baud), list));
    }

    /** Serves Modbus TCP (unit 1's image for every unit id) on 127.0.0.1 and an ephemeral {@link #port()}. */
    static LibmodbusSlave tcp() throws IOException {
        return new LibmodbusSlave(List.of("tcp"));
    }

    int port() {
        return Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static synchronized Path binary() throws IOException {
        Path gcc = ThirdPartyPeers.require("gcc", "gcc");
        if (!Files.exists(Path.of(HEADER))) {
            String why = HEADER + " is missing (apt-get install libmodbus-dev)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(why);
            Assumptions.assumeTrue(false, why);
        }
        if (Files.exists(BINARY) && Files.getLastModifiedTime(BINARY).compareTo(Files.getLastModifiedTime(SOURCE)) > 0) {
            return BINARY;
        }
        Files.createDirectories(BINARY.getParent());
        Process build = new ProcessBuilder(gcc.toString(), "-O1", "-Wall", "-o", BINARY.toString(), SOURCE.toString(),
                "-I/usr/include/modbus", "-lmodbus").redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(build.waitFor()).as("gcc %s: %s", SOURCE, output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return BINARY;
    }
}
