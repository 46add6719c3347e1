package io.onegrid.bench.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client of the hub's live stream, {@code GET /api/events}, as a dashboard would hold it: logged in through
 * {@code POST /api/auth/login}, reading {@code text/event-stream} with plain {@link HttpClient}. Each event is
 * timestamped ({@link System#nanoTime()}) when its {@code data:} line has been read, before its JSON is parsed,
 * so parsing is not counted as delivery time.
 */
final class EventStreamClient implements AutoCloseable {
    /** Receives each event: its name ({@code case}, {@code notification}, …), its data and when it arrived. */
    interface Listener {
        void event(String name, JsonNode data, long receivedNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final CountDownLatch open = new CountDownLatch(1);
    private volatile InputStream body;
    private volatile String failure;
    private Thread reader;

    EventStreamClient(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort;
    }

    /** Logs in and returns the bearer token. */
    String login(String user, String password) throws IOException, InterruptedException {
        String json = JSON.createObjectNode().put("username", user).put("password", password).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("login answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** Opens the stream and returns once the hub has answered (its first line, {@code retry:}, has arrived). */
    void open(String token, Listener listener) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) throw new IOException("GET /api/events answered " + r.statusCode());
        body = r.body();
        reader = new Thread(() -> read(listener), "bench-event-stream");
        reader.setDaemon(true);
        reader.start();
        if (!open.await(10, TimeUnit.SECONDS)) throw new IOException("the event stream sent nothing within 10 s");
    }

    private void read(Listener listener) {
        String event = "message";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                open.countDown();
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    long at = System.nanoTime();
                    listener.event(event, JSON.readTree(line.substring(6)), at);
                } else if (line.isEmpty()) {
                    event = "message";
                }
            }
        } catch (IOException e) {
            if (body != null) failure = e.toString();
        }
    }

    /** Why the stream ended early, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        InputStream b = body;
        body = null;
        try {
            if (b != null) b.close();
        } catch (IOException ignored) {
            // closing a stream the hub may have closed already
        }
    }
}
