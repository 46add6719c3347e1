package io.onegrid.hub.it;

import static io.onegrid.hub.it.HubFixture.GW;
import static io.onegrid.hub.it.HubFixture.GW_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.protocol.CommandError;
import io.onegrid.protocol.CommandReply;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands through the real hub to a gateway played by a real Paho MQTT 5 client: the reply within the timeout, a
 * 504 and the late reply still recorded, delivery of what was sent while the gateway was away, and no delivery of
 * what expired meanwhile. Every command and reply is in the store and the audit log.
 */
class CommandsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    HubFixture hub;
    CommandGateway gateway;
    String admin;

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir);
        admin = hub.adminToken();
        gateway = new CommandGateway(hub, GW, GW_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        hub.close();
    }

    private HttpResponse<String> send(String body) throws Exception {
        return hub.post("/api/gateways/" + GW + "/commands", body, admin);
    }

    private JsonArray list() throws Exception {
        return new JsonObject(hub.get("/api/gateways/" + GW + "/commands", admin).body()).getJsonArray("items");
    }

    private JsonObject listed(String id) throws Exception {
        return list().stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst()
                .orElseThrow();
    }

    /**
     * GIVEN a connected gateway subscribed to its commands WHEN an admin sends ping THEN the answer is 200 with the
     * gateway's reply, the command went out with response topic, correlation data and a message expiry interval, and
     * the command and its reply are listed and audited.
     */
    @Test
    void replyWithinTheTimeoutIs200() throws Exception {
        gateway.connect();

        HttpResponse<String> r = send("{\"command\":\"ping\",\"ttl\":\"2m\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject c = new JsonObject(r.body());
        assertThat(c.getString("state")).isEqualTo("replied");
        assertThat(c.getString("sentBy")).isEqualTo("admin");
        assertThat(c.getJsonObject("reply").getBoolean("ok")).isTrue();
        assertThat(c.getJsonObject("reply").getJsonObject("result").getBoolean("pong")).isTrue();
        CommandGateway.Received got = gateway.received.get(0);
        assertThat(got.topic()).isEqualTo(Topics.command(GW, "ping"));
        assertThat(got.properties().getResponseTopic()).isEqualTo(Topics.reply(GW, "ping"));
        assertThat(got.correlation()).isEqualTo(c.getString("id"));
        assertThat(got.command().id()).isEqualTo(c.getString("id"));
        assertThat(got.properties().getMessageExpiryInterval()).isBetween(100L, 120L);
        assertThat(got.command().expiresAt() - got.command().issuedAt()).isEqualTo(120_000);
        assertThat(listed(c.getString("id")).getString("state")).isEqualTo("replied");
        JsonArray audit = new JsonObject(hub.get("/api/audit", admin).body()).getJsonArray("items");
        assertThat(audit.stream().map(JsonObject.class::cast).map(a -> a.getString("action") + " " + a.getString("user")
                + " " + a.getString("subject"))).contains("send command admin gateway:" + GW,
                "command reply gateway:" + GW + " command:" + c.getString("id"));
    }

    /** An answer that says the gateway could not (unknown command, expired on arrival) is a 200 with that state. */
    @Test
    void refusalsByTheGatewayAreAnswersToo() throws Exception {
        gateway.answer = cmd -> CommandReply.failed(cmd.id(), cmd.command(), cmd.command().equals("late")
                ? CommandError.EXPIRED : CommandError.UNKNOWN_COMMAND, "no", new Timestamp(1, 1));
        gateway.connect();

        JsonObject unknown = new JsonObject(send("{\"command\":\"reboot\"}").body());
        JsonObject late = new JsonObject(send("{\"command\":\"late\"}").body());

        assertThat(unknown.getString("state")).isEqualTo("failed");
        assertThat(unknown.getString("errorCode")).isEqualTo("unknown_command");
        assertThat(late.getString("state")).isEqualTo("expired");
    }

    /**
     * GIVEN a subscribed gateway that does not answer WHEN a command is sent with a 1 s timeout THEN 504
     * gateway_timeout naming the command; WHEN the gateway answers later THEN the reply is recorded all the same.
     */
    @Test
    void noReplyIs504AndALateReplyIsStillRecorded() throws Exception {
        gateway.answer = cmd -> null;
        gateway.connect();

        HttpResponse<String> r = send("{\"command\":\"status\",\"timeout\":\"1s\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
        JsonObject error = new JsonObject(r.body());
        assertThat(error.getString("error")).isEqualTo("gateway_timeout");
        String id = error.getString("id");
        assertThat(error.getString("state")).isIn("pending", "delivered");
        await().atMost(WAIT).until(() -> listed(id).getString("state").equals("delivered"));

        gateway.reply(gateway.received.get(0), CommandReply.ok(id, "status", java.util.Map.of("uptimeMs", 5),
                new Timestamp(1, 1)));

        await().atMost(WAIT).until(() -> listed(id).getString("state").equals("replied"));
        assertThat(listed(id).getJsonObject("reply").getJsonObject("result").getInteger("uptimeMs")).isEqualTo(5);
    }

    /**
     * GIVEN a gateway that was connected and went away WHEN a command is sent THEN it waits at the hub; WHEN the
     * gateway connects again and subscribes THEN it is delivered, answered, and the waiting request gets 200.
     */
    @Test
    void commandSentWhileAwayIsDeliveredOnReconnect() throws Exception {
        gateway.connect();
        gateway.disconnect();

        CompletableFuture<HttpResponse<String>> pending = hub.postAsync("/api/gateways/" + GW + "/commands",
                "{\"command\":\"ping\",\"timeout\":\"30s\"}", admin);
        await().atMost(WAIT).until(() -> !list().isEmpty());
        assertThat(list().getJsonObject(0).getString("state")).isEqualTo("pending");
        assertThat(gateway.received).isEmpty();

        gateway.connect();

        HttpResponse<String> r = pending.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getString("state")).isEqualTo("replied");
        assertThat(gateway.received).hasSize(1);
    }

    /**
     * GIVEN a gateway away WHEN a command with a 1 s ttl expires and then another is sent THEN on reconnect only the
     * second is delivered (pending commands go out oldest first, so the expired one would have come first) and the
     * first is listed as expired.
     */
    @Test
    void expiredCommandIsNotDelivered() throws Exception {
        HttpResponse<String> first = send("{\"command\":\"write\",\"args\":{\"device\":\"smoke-302\",\"channel\":"
                + "\"siren\",\"value\":false},\"ttl\":\"1s\",\"timeout\":\"1s\"}");
        assertThat(first.statusCode()).isEqualTo(504);
        String expiredId = new JsonObject(first.body()).getString("id");
        await().atMost(WAIT).until(() -> listed(expiredId).getString("state").equals("expired"));
        CompletableFuture<HttpResponse<String>> second = hub.postAsync("/api/gateways/" + GW + "/commands",
                "{\"command\":\"ping\",\"timeout\":\"30s\"}", admin);
        await().atMost(WAIT).until(() -> list().size() == 2);

        gateway.connect();

        assertThat(second.get().statusCode()).isEqualTo(200);
        assertThat(gateway.received).extracting(rec -> rec.command().command()).containsExactly("ping");
        assertThat(listed(expiredId).getString("state")).isEqualTo("expired");
    }

    /** A reply that is not one gets PUBACK 0x99 (Payload format invalid), as any broken message does. */
    @Test
    void brokenReplyRefused() throws Exception {
        gateway.connect();

        assertThat(gateway.publish(Topics.reply(GW, "ping"), "{\"v\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x99);
        assertThat(gateway.publish("og/v1/gw/" + GW + "/reply/a/b", "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x90);
        assertThat(gateway.publish(Topics.reply(HubFixture.GW2, "ping"), "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(0x87);
    }
}
