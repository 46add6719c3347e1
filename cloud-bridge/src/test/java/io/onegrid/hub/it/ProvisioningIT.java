package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Timestamp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim codes and provisioning against the real hub over real HTTP, on the demo grid and an injected clock: an
 * installer's code provisions a fresh gateway that then connects with Eclipse Paho MQTT 5 on its own credential and
 * is online at the claim's site; every refusal has its code and status; guessing is throttled per address while the
 * right code still works from another.
 */
class ProvisioningIT {
    private static final String SECRET = "s3cret-made-by-the-gateway-0001";

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    HubFixture hub;
    String admin;
    String installer;

    @BeforeEach
    void start() throws Exception {
        HubConfig config = HubFixture.config(dir).withProvisioning(new HubConfig.ProvisioningSettings(Optional.empty(),
                new AuthLimits(4, 5, Duration.ofMinutes(10)), Duration.ofMinutes(5)));
        hub = HubFixture.start(config, clock);
        admin = hub.adminToken();
        hub.putGrid(GridFile.demoText(), admin);
        installer = hub.user("inst-bs", "installer", "xh-bs", admin);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private JsonObject claim(String site, String ttl, String token) throws Exception {
        JsonObject body = new JsonObject().put("site", site);
        if (ttl != null) body.put("ttl", ttl);
        HttpResponse<String> r = hub.post("/api/claims", body.encode(), token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private HttpResponse<String> provision(String code, String gatewayId, String secret, Instant gatewayClock) throws Exception {
        JsonObject body = new JsonObject().put("code", code).put("secret", secret).put("clock", gatewayClock.toString());
        if (gatewayId != null) body.put("gatewayId", gatewayId);
        return hub.post("/api/provision", body.encode(), null);
    }

    private static void refused(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo(error);
        assertThat(r.body()).doesNotContain(SECRET);
    }

    /**
     * GIVEN an installer's claim code for bldg-7 WHEN a gateway provisions with it, connects over MQTT 5 with its own
     * id and secret and sends its birth THEN it is online and placed at bldg-7 (the installer of the street sees it,
     * another street's operator does not), the list of claims shows the claim used and never the code, and re-sending
     * the same request returns the same answer while another secret is refused as claim_used.
     */
    @Test
    void claimCodeProvisionsAGatewayThatConnects() throws Exception {
        JsonObject c = claim("bldg-7", "2h", installer);
        assertThat(c.getString("code")).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}");
        assertThat(Instant.parse(c.getString("expiresAt"))).isEqualTo(clock.instant().plus(Duration.ofHours(2)));

        HttpResponse<String> r = provision(c.getString("code").toLowerCase(), "gw-bldg7-a", SECRET, clock.instant());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject a = new JsonObject(r.body());
        assertThat(a.getString("gatewayId")).isEqualTo("gw-bldg7-a");
        assertThat(a.getString("site")).isEqualTo("bldg-7");
        assertThat(a.getJsonObject("mqtt").getString("uri")).isEqualTo(hub.mqttUri());
        assertThat(a.getJsonObject("mqtt").getString("username")).isEqualTo("gw-bldg7-a");
        assertThat(Instant.parse(a.getString("hubTime"))).isEqualTo(clock.instant());

        MqttAsyncClient gw = hub.connect("gw-bldg7-a", SECRET);
        Timestamp ts = new Timestamp(clock.millis(), 1_000);
        assertThat(hub.publish(gw, Envelope.of("gw-bldg7-a", "boot-1", 0, ts, new Body.Birth("0.1.0", ts, List.of())))).isZero();
        JsonObject seen = new JsonObject(hub.get("/api/gateways/gw-bldg7-a", installer).body());
        assertThat(seen.getString("state")).isEqualTo("online");
        assertThat(seen.getString("site")).isEqualTo("bldg-7");
        String otherStreet = hub.user("op-ly", "operator", "xh-ly", admin);
        assertThat(hub.get("/api/gateways/gw-bldg7-a", otherStreet).statusCode()).isEqualTo(404);
        gw.disconnect().waitForCompletion(5000);

        String claims = hub.get("/api/claims", installer).body();
        assertThat(claims).doesNotContain(c.getString("code")).contains("\"state\":\"used\"").contains("gw-bldg7-a");

        HttpResponse<String> again = provision(c.getString("code"), "gw-bldg7-a", SECRET, clock.instant());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getString("gatewayId")).isEqualTo("gw-bldg7-a");
        assertThat(new JsonObject(again.body()).getBoolean("created")).isFalse();
        refused(provision(c.getString("code"), "gw-bldg7-a", "another-secret-0000000", clock.instant()), 410, "claim_used");
        refused(provision(c.getString("code"), "gw-bldg7-b", SECRET, clock.instant()), 410, "claim_used");
    }

    /** GIVEN a claim code without a gateway id WHEN provisioning (twice) THEN the hub assigns one and repeats it. */
    @Test
    void hubAssignsAnIdWhenNoneIsGiven() throws Exception {
        String code = claim("bldg-7", null, admin).getString("code");
        HttpResponse<String> r = provision(code, null, SECRET, clock.instant());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = new JsonObject(r.body()).getString("gatewayId");
        assertThat(id).matches("gw-[0-9a-hjkmnp-tv-z]{10}");

        HttpResponse<String> again = provision(code, null, SECRET, clock.instant());
        assertThat(new JsonObject(again.body()).getString("gatewayId")).isEqualTo(id);
        hub.connect(id, SECRET).disconnect().waitForCompletion(5000);
    }

    /**
     * GIVEN codes that are wrong, expired, revoked, and a gateway id registered with another secret, and a gateway
     * clock 10 minutes behind WHEN provisioning with each THEN each is refused with its own code and status, and the
     * clock's error says by how much; bad claim requests and roles are refused too.
     */
    @Test
    void everyRefusalHasItsCodeAndStatus() throws Exception {
        refused(provision("ABCD-EFGH-JK", "gw-x", SECRET, clock.instant()), 403, "claim_invalid");
        JsonObject skewed = new JsonObject(provision("ABCD-EFGH-JK", "gw-x", SECRET,
                clock.instant().minus(Duration.ofMinutes(10))).body());
        assertThat(skewed.getString("error")).isEqualTo("clock_skew");
        assertThat(skewed.getLong("skewMs")).isEqualTo(-600_000L);
        assertThat(skewed.getString("message")).contains("10m behind");
        refused(provision("ABCD-EFGH-JK", "gw-x", "short", clock.instant()), 400, "bad_request");

        String expiring = claim("bldg-7", "5m", installer).getString("code");
        clock.advance(Duration.ofMinutes(6));
        refused(provision(expiring, "gw-x", SECRET, clock.instant()), 410, "claim_expired");

        JsonObject revokedClaim = claim("bldg-7", null, installer);
        assertThat(hub.send("DELETE", "/api/claims/" + revokedClaim.getLong("id"), null, installer).statusCode()).isEqualTo(204);
        refused(hub.send("DELETE", "/api/claims/" + revokedClaim.getLong("id"), null, installer), 409, "conflict");
        refused(provision(revokedClaim.getString("code"), "gw-x", SECRET, clock.instant()), 410, "claim_revoked");

        refused(provision(claim("bldg-7", null, installer).getString("code"), HubFixture.GW, SECRET, clock.instant()),
                409, "gateway_taken");

        refused(hub.post("/api/claims", new JsonObject().put("site", "mjw-18").encode(), installer), 404, "not_found");
        refused(hub.post("/api/claims", new JsonObject().put("site", "xh-bs").encode(), installer), 400, "bad_request");
        refused(hub.post("/api/claims", new JsonObject().put("site", "bldg-7").put("ttl", "30d").encode(), installer),
                400, "bad_request");
        String operator = hub.user("op-bs", "operator", "xh-bs", admin);
        refused(hub.post("/api/claims", new JsonObject().put("site", "bldg-7").encode(), operator), 403, "forbidden");
    }

    /**
     * GIVEN an address that sent five wrong codes WHEN it sends a sixth, even the right one THEN it gets 429 with a
     * Retry-After; the right code still provisions from another address (127.0.0.2).
     */
    @Test
    void guessingIsThrottledPerAddress() throws Exception {
        String code = claim("bldg-7", null, installer).getString("code");
        for (String wrong : List.of("0000-0000-00", "1111-1111-11", "2222-2222-22", "3333-3333-33",
                "4444-4444-44")) {
            refused(provision(wrong, "gw-guess", SECRET, clock.instant()), 403, "claim_invalid");
        }
        HttpResponse<String> limited = provision(code, "gw-guess", SECRET, clock.instant());
        refused(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(590L, 600L);

        String body = new JsonObject().put("code", code).put("gatewayId", "gw-right").put("secret", SECRET)
                .put("clock", clock.instant().toString()).encode();
        String answer = postFrom(InetAddress.getByName("127.0.0.2"), "/api/provision", body);
        assertThat(answer).startsWith("HTTP/1.1 201");
        assertThat(hub.get("/api/gateways/gw-right", admin).statusCode()).isEqualTo(200);
    }

    /** A bare HTTP/1.1 POST from a chosen local address (the JDK's client on Java 17 cannot bind one). */
    private String postFrom(InetAddress local, String path, String json) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress("127.0.0.1", hub.hub.httpPort()), 5000);
            s.setSoTimeout(10_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // read the head, then exactly Content-Length bytes: no waiting for the server to close
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) break;
                head.write(b);
            }
            String h = head.toString(StandardCharsets.US_ASCII);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(h);
            byte[] rest = in.readNBytes(m.find() ? Integer.parseInt(m.group(1)) : 0);
            return h + new String(rest, StandardCharsets.UTF_8);
        }
    }
}
