package io.onegrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One user's live stream ({@code GET /api/events}), read the way a browser's EventSource connects (token in
 * the query), on a daemon thread; every event is kept for assertions.
 */
final class EventLog implements AutoCloseable {
    /** One server-sent event. */
    record Event(long id, String kind, JsonNode data) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile int status;

    EventLog(HubClient client, String name) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/events?access_token="
                + URLEncoder.encode(client.token(), StandardCharsets.UTF_8))).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        status = r.statusCode();
        body = r.body();
        reader = new Thread(this::read, "sse-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return status;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Case events about case {@code id}. */
    List<Event> caseEvents(long id) {
        return events.stream().filter(e -> e.kind().equals("case") && e.data().path("id").asLong() == id).toList();
    }

    private void read() {
        long id = -1;
        String kind = "message";
        StringBuilder data = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) events.add(new Event(id, kind, JSON.readTree(data.toString())));
                    id = -1;
                    kind = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4).trim());
                } else if (line.startsWith("event: ")) {
                    kind = line.substring(7).trim();
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // the stream ends when the test closes it or the hub stops
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
