package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Location;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators of different parts of the city meet over real HTTP, with alarms arriving over real MQTT on the
 * demo grid: a resident's personal data shown in full only to those who need it, each such read audited; the
 * live stream scoped to the user and resumable with Last-Event-ID; bad requests refused with the error shape.
 */
class OperatorsApiIT {
    private static final String PASSWORD = "operators-it-password";

    @TempDir
    Path dir;
    HubFixture hub;
    MqttAsyncClient gateway;
    String admin;
    private final AtomicLong seq = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir);
        admin = hub.adminToken();
        assertThat(put("/api/grid", GridFile.demoText(), admin).statusCode()).isEqualTo(200);
        user("op-sg", "operator", "xh-bs-sg");
        user("op-sg-g1", "responder", "xh-bs-sg-g1");
        user("op-sw-li", "responder", "xh-bs-sg");
        user("op-ly", "operator", "xh-ly");
        user("inst-bs", "installer", "xh-bs");
        gateway = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.disconnect().waitForCompletion(5000);
        hub.close();
    }

    /**
     * GIVEN an inactivity alarm for the resident of flat 302 WHEN the case is read by each kind of user THEN the
     * community's command centre and the resident's own social worker see the contacts in full and each read is in
     * the audit log; the grid worker sees them masked and is not audited; another street gets 404; the hub's
     * output never holds the resident's name or a contact's phone.
     */
    @Test
    void personalDataOnlyForThoseWhoNeedItAndEveryReadAudited() throws Exception {
        long id = raise("w-1", "motion-302", "no-motion", "welfare.inactivity", new Location("bldg-7", "302", null, "res-302"));
        JsonObject command = detail(id, login("op-sg"));
        JsonObject socialWorker = detail(id, login("op-sw-li"));
        JsonObject gridWorker = detail(id, login("op-sg-g1"));

        assertThat(command.getString("type")).isEqualTo("welfare.inactivity");
        for (JsonObject full : List.of(command, socialWorker)) {
            JsonObject r = full.getJsonObject("resident");
            assertThat(r.getBoolean("masked")).isFalse();
            assertThat(r.getString("name")).isEqualTo("王秀英 Wang Xiuying");
            assertThat(r.getJsonArray("contacts").getJsonObject(0).getString("phone")).isEqualTo("+86 139 0000 0302");
        }
        JsonObject masked = gridWorker.getJsonObject("resident");
        assertThat(masked.getBoolean("masked")).isTrue();
        assertThat(masked.encode()).doesNotContain("0000 0302").doesNotContain("Wang Xiuying").doesNotContain("李梅");
        assertThat(masked.getJsonArray("contacts").getJsonObject(0).getString("phone")).endsWith("0302");
        assertThat(hub.get("/api/cases/" + id, login("op-ly")).statusCode()).isEqualTo(404);

        JsonArray audit = new JsonObject(hub.get("/api/audit?limit=100", admin).body()).getJsonArray("items");
        List<String> readers = audit.stream().map(JsonObject.class::cast)
                .filter(e -> "read personal data".equals(e.getString("action"))).map(e -> e.getString("user")).toList();
        assertThat(readers).containsExactlyInAnyOrder("op-sg", "op-sw-li");
        assertThat(audit.encode()).contains("resident:res-302");
        assertThat(hub.stdout.toString(StandardCharsets.UTF_8)).doesNotContain("0000 0302").doesNotContain("王秀英");
    }

    /**
     * GIVEN a street operator, an operator of another street and an installer of the same street on the live stream
     * WHEN a smoke case opens in flat 302 and, while the street operator is disconnected, gets a comment
     * THEN the street operator's stream has the case; after reconnecting with Last-Event-ID it gets the comment
     *      and nothing it had already seen; the other street and the installer get no case event; a forged token
     *      gets 401.
     */
    @Test
    void liveStreamScopedAndResumable() throws Exception {
        user("op-bs", "operator", "xh-bs");
        String street = login("op-bs");
        Stream bs = Stream.open(hub, street, null);
        Stream ly = Stream.open(hub, login("op-ly"), null);
        Stream installer = Stream.open(hub, login("inst-bs"), null);

        long id = raise("s-1", "smoke-302", "smoke", "fire.smoke", Location.unit("bldg-7", "302"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bs.caseEvents(id).size() >= 1);
        long seen = bs.lastId();
        bs.close();
        assertThat(hub.post("/api/cases/" + id + "/comment", "{\"note\":\"caller says: smell of burning\"}", street)
                .statusCode()).isEqualTo(200);

        Stream resumed = Stream.open(hub, street, seen);
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.caseEvents(id).stream()
                .anyMatch(e -> e.data().getString("change").equals("comment")));
        assertThat(resumed.events()).allMatch(e -> e.id() > seen);
        assertThat(ly.caseEvents(id)).isEmpty();
        assertThat(ly.events()).noneMatch(e -> e.data().encode().contains("bldg-7"));
        assertThat(installer.events()).noneMatch(e -> e.kind().equals("case") || e.kind().equals("notification"));
        HttpResponse<InputStream> forged = Stream.connect(hub, "forged-token", null);
        assertThat(forged.statusCode()).isEqualTo(401);
        forged.body().close();
        for (Stream s : List.of(resumed, ly, installer)) s.close();
    }

    /**
     * GIVEN a filed case WHEN actions come with unknown names, bodies of the wrong shape, a huge body, unknown
     * fields, ids that are not numbers or out of scope THEN each is refused with its status and the one error shape,
     * and the case is unchanged.
     */
    @Test
    void badRequestsAreRefusedAndChangeNothing() throws Exception {
        long id = raise("s-2", "smoke-302", "smoke", "fire.smoke", Location.unit("bldg-7", "302"));
        String op = login("op-sg");
        int version = detail(id, op).getInteger("version");
        record Bad(String path, String body, int status, String error) { }
        for (Bad b : List.of(
                new Bad("/api/cases/" + id + "/teleport", "{}", 404, "not_found"),
                new Bad("/api/cases/" + id + "/verify", "{\"passed\":\"yes\"}", 400, "bad_request"),
                new Bad("/api/cases/" + id + "/dispatch", "[1,2]", 400, "malformed_json"),
                new Bad("/api/cases/" + id + "/dispatch", "{\"version\":\"7\"}", 400, "bad_request"),
                new Bad("/api/cases/" + id + "/dispatch", "{\"stage\":\"CLOSED\"}", 400, "bad_request"),
                new Bad("/api/cases/" + id + "/dispatch", "{\"note\":", 400, "malformed_json"),
                new Bad("/api/cases/" + id + "/false-alarm", "{}", 400, "bad_request"),
                new Bad("/api/cases/" + id + "/comment", "{\"note\":\"" + "x".repeat(3000) + "\"}", 400, "bad_request"),
                new Bad("/api/cases/" + id + "/comment", "{\"note\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413, null),
                new Bad("/api/cases/abc/dispatch", "{}", 400, "bad_request"),
                new Bad("/api/cases/99999/dispatch", "{}", 404, "not_found"))) {
            HttpResponse<String> r = hub.post(b.path(), b.body(), op);
            assertThat(r.statusCode()).as(b.path() + " " + b.body().substring(0, Math.min(40, b.body().length())))
                    .isEqualTo(b.status());
            if (b.error() != null) {
                JsonObject e = new JsonObject(r.body());
                assertThat(e.getString("error")).isEqualTo(b.error());
                assertThat(e.getString("message")).isNotBlank();
            }
        }
        assertThat(hub.post("/api/cases/" + id + "/dispatch", "{}", login("op-ly")).statusCode()).isEqualTo(404);
        JsonObject after = detail(id, op);
        assertThat(after.getString("stage")).isEqualTo("OPEN");
        assertThat(after.getInteger("version")).isEqualTo(version);
    }

    /**
     * GIVEN a welfare case that notified the resident's social worker WHEN the notifications are listed and
     * acknowledged over HTTP THEN the social worker sees and acknowledges their own; the grid worker cannot (404);
     * the command centre sees it in its scope; an installer is refused (403).
     */
    @Test
    void notificationsListedAndAcknowledgedOverHttp() throws Exception {
        long id = raise("w-2", "motion-302", "no-motion", "welfare.inactivity", new Location("bldg-7", "302", null, "res-302"));
        String sw = login("op-sw-li");
        JsonArray mine = new JsonObject(hub.get("/api/notifications?state=pending", sw).body()).getJsonArray("items");
        assertThat(mine).hasSize(1);
        JsonObject n = mine.getJsonObject(0);
        assertThat(n.getLong("caseId")).isEqualTo(id);
        assertThat(n.getString("responder")).isEqualTo("sw-li");
        long nid = n.getLong("id");

        assertThat(hub.post("/api/notifications/" + nid + "/ack", "{}", login("op-sg-g1")).statusCode()).isEqualTo(404);
        HttpResponse<String> acked = hub.post("/api/notifications/" + nid + "/ack", "{}", sw);
        assertThat(acked.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(acked.body()).getString("state")).isEqualTo("ACKED");
        assertThat(new JsonObject(hub.get("/api/notifications?state=PENDING", sw).body()).getJsonArray("items")).isEmpty();
        JsonArray seen = new JsonObject(hub.get("/api/notifications", login("op-sg")).body()).getJsonArray("items");
        assertThat(seen.stream().map(JsonObject.class::cast)).anyMatch(x -> x.getLong("id") == nid
                && x.getString("state").equals("ACKED"));
        assertThat(new JsonObject(hub.get("/api/notifications", login("op-ly")).body()).getJsonArray("items")).isEmpty();
        assertThat(hub.get("/api/notifications", login("inst-bs")).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/notifications?state=maybe", sw).statusCode()).isEqualTo(400);
    }

    /**
     * GIVEN a client that opened the live stream and stopped reading, and an admin's stream that reads
     * WHEN thousands of case events are committed THEN the stalled client is dropped (counted in health) and its
     *      connection closed, while the reading client gets every event up to the last one.
     */
    @Test
    void clientThatStopsReadingIsDropped() throws Exception {
        hub.close();
        java.util.concurrent.atomic.AtomicReference<io.onegrid.hub.store.HubStore> store = new java.util.concurrent.atomic.AtomicReference<>();
        hub = HubFixture.start(HubFixture.config(dir.resolve("slow")), s -> {
            store.set(s);
            return s;
        });
        admin = hub.adminToken();
        gateway = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
        Stream reader = Stream.open(hub, admin, null);
        java.net.Socket stalled = new java.net.Socket();
        stalled.setReceiveBufferSize(1024);
        stalled.connect(new java.net.InetSocketAddress("127.0.0.1", hub.hub.httpPort()), 5000);
        stalled.getOutputStream().write(("GET /api/events?access_token=" + admin + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(5)).until(() -> details().getInteger("liveStreamClients") == 2);

        // WHEN alarms joining one case are committed, 500 per transaction, until the stalled client is dropped
        long n = 0;
        for (int batch = 0; batch < 80 && details().getLong("liveStreamDropped") == 0; batch++) {
            List<io.onegrid.hub.store.StoreOp> ops = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                n++;
                ops.add(new io.onegrid.hub.store.StoreOp.Ingest(Envelopes.hydrantLow(HubFixture.GW, n, "flood-" + n)));
            }
            store.get().apply(ops);
        }
        // THEN it was dropped and its connection closed; the reader got everything up to the newest event
        assertThat(details().getLong("liveStreamDropped")).isEqualTo(1);
        long last = store.get().lastEventId();
        await().atMost(Duration.ofSeconds(30)).until(() -> !reader.events().isEmpty() && reader.lastId() == last);
        assertThat(reader.events()).extracting(Stream.Event::id).doesNotHaveDuplicates().isSorted();
        assertThat(details().getInteger("liveStreamClients")).isEqualTo(1);
        stalled.setSoTimeout(10_000);
        InputStream in = stalled.getInputStream();
        byte[] buf = new byte[65536];
        try {
            while (in.read(buf) >= 0) { /* drain what was sent before the drop; the hub then closes */ }
        } catch (java.net.SocketException reset) {
            // a reset is how the hub ends a connection it gave up on
        }
        stalled.close();
        reader.close();
    }

    private JsonObject details() throws Exception {
        return new JsonObject(hub.get("/api/health/details", admin).body());
    }

    // ---- helpers ----

    private long raise(String alarmId, String device, String rule, String type, Location where) throws Exception {
        int rc = hub.publish(gateway, Envelopes.alarm(HubFixture.GW, "boot-1", seq.incrementAndGet(), alarmId, device,
                rule, Body.Transition.RAISED, "MAJOR", type, where));
        assertThat(rc).isZero();
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonArray items = new JsonObject(hub.get("/api/cases?type=" + type, admin).body()).getJsonArray("items");
            return items.isEmpty() ? null : items.getJsonObject(0).getLong("id");
        }, v -> v != null);
    }

    private JsonObject detail(long id, String token) throws Exception {
        HttpResponse<String> r = hub.get("/api/cases/" + id, token);
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private void user(String name, String role, String scope) throws Exception {
        HttpResponse<String> r = hub.post("/api/users", new JsonObject().put("username", name).put("password", PASSWORD)
                .put("role", role).put("scope", scope).encode(), admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private String login(String name) throws Exception {
        return hub.login(name, PASSWORD);
    }

    private HttpResponse<String> put(String path, String body, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.httpPort()
                + path)).header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One EventSource-style connection (token in the query), read on a daemon thread. */
    private static final class Stream implements AutoCloseable {
        record Event(long id, String kind, JsonObject data) { }

        private final List<Event> events = new CopyOnWriteArrayList<>();
        private final InputStream body;

        private Stream(InputStream body) {
            this.body = body;
            Thread t = new Thread(this::read, "sse-reader");
            t.setDaemon(true);
            t.start();
        }

        static HttpResponse<InputStream> connect(HubFixture hub, String token, Long lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.httpPort()
                    + "/api/events?access_token=" + token)).header("Accept", "text/event-stream");
            if (lastEventId != null) b.header("Last-Event-ID", String.valueOf(lastEventId));
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        }

        static Stream open(HubFixture hub, String token, Long lastEventId) throws Exception {
            HttpResponse<InputStream> r = connect(hub, token, lastEventId);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            return new Stream(r.body());
        }

        List<Event> events() {
            return List.copyOf(events);
        }

        List<Event> caseEvents(long id) {
            return events.stream().filter(e -> e.kind().equals("case") && e.data().getLong("id") == id).toList();
        }

        long lastId() {
            return events.get(events.size() - 1).id();
        }

        private void read() {
            long id = -1;
            String kind = "message";
            StringBuilder data = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) events.add(new Event(id, kind, new JsonObject(data.toString())));
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
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
