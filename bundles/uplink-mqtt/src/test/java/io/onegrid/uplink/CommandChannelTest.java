package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandHandler;
import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's command traffic without a broker: a recording publisher stands in for Paho. */
class CommandChannelTest {
    private static final String GW = "gw-t-01";
    private final TestClock clock = new TestClock();
    private final CommandCodec codec = new CommandCodec();
    private final CommandDispatcher dispatcher = new CommandDispatcher(clock);
    private final List<String> subscribed = new CopyOnWriteArrayList<>();
    private final List<Object[]> published = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;
    private final CommandChannel channel = new CommandChannel(GW, dispatcher, (topic, message, outcome) -> {
        if (!up) throw new MqttException(32104); // Paho's "client not connected"
        published.add(new Object[] {topic, message});
    }, (filter, outcome) -> subscribed.add(filter), clock);

    @AfterEach
    void close() {
        channel.close();
    }

    private MqttMessage command(String id, String name, String responseTopic) {
        MqttProperties p = new MqttProperties();
        p.setCorrelationData(id.getBytes(StandardCharsets.UTF_8));
        if (responseTopic != null) p.setResponseTopic(responseTopic);
        p.setMessageExpiryInterval(60L);
        return new MqttMessage(codec.encode(new Command(id, name, Map.of(), clock.wallMs(), clock.wallMs() + 60_000)),
                1, false, p);
    }

    private CommandReply reply(int i) {
        return codec.decodeReply(((MqttMessage) published.get(i)[1]).getPayload());
    }

    /**
     * GIVEN a connected channel WHEN a ping arrives with a response topic and correlation data THEN the reply goes to
     * that topic, QoS 1, carrying the same correlation data.
     */
    @Test
    void answersOnTheResponseTopicWithTheCorrelationData() {
        dispatcher.add(new PingCommand());
        channel.connected();

        channel.arrived("og/v1/gw/gw-t-01/cmd/ping", command("c-1", "ping", "og/v1/gw/gw-t-01/reply/ping"));

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(subscribed).containsExactly("og/v1/gw/gw-t-01/cmd/+");
        assertThat(published.get(0)[0]).isEqualTo("og/v1/gw/gw-t-01/reply/ping");
        MqttMessage m = (MqttMessage) published.get(0)[1];
        assertThat(m.getQos()).isEqualTo(1);
        assertThat(new String(m.getProperties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        assertThat(reply(0).result()).isEqualTo(Map.of("pong", true));
    }

    /** A response topic outside this gateway's reply topics is not used: the reply goes to its own reply topic. */
    @Test
    void ignoresAForeignResponseTopic() {
        channel.connected();

        channel.arrived("og/v1/gw/gw-t-01/cmd/status", command("c-2", "status", "og/v1/gw/gw-other/reply/status"));

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(published.get(0)[0]).isEqualTo("og/v1/gw/gw-t-01/reply/status");
        assertThat(reply(0).failure().code()).isEqualTo("unavailable");
    }

    /**
     * GIVEN the connection drops while a command runs WHEN its reply is ready THEN it is held, and after the next
     * connect the channel subscribes again and sends it.
     */
    @Test
    void holdsRepliesWhileOffline() {
        dispatcher.add(new PingCommand());
        channel.connected();
        channel.disconnected();
        up = false;

        channel.arrived("og/v1/gw/gw-t-01/cmd/ping", command("c-3", "ping", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.held() == 1);
        assertThat(published).isEmpty();

        up = true;
        channel.connected();

        assertThat(published).hasSize(1);
        assertThat(reply(0).id()).isEqualTo("c-3");
        assertThat(subscribed).hasSize(2);
        assertThat(channel.held()).isZero();
    }

    /** While one command blocks and the queue is full, a further command is answered busy at once, not dropped. */
    @Test
    void answersBusyWhenTooManyWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        dispatcher.add(new CommandHandler() {
            @Override
            public String name() {
                return "read";
            }

            @Override
            public Map<String, Object> handle(CommandArgs args) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.of();
            }
        });
        channel.connected();
        channel.arrived("og/v1/gw/gw-t-01/cmd/read", command("c-run", "read", null));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < CommandChannel.MAX_WAITING; i++) {
            channel.arrived("og/v1/gw/gw-t-01/cmd/read", command("c-q" + i, "read", null));
        }

        channel.arrived("og/v1/gw/gw-t-01/cmd/read", command("c-over", "read", null));

        assertThat(published).hasSize(1);
        assertThat(reply(0).id()).isEqualTo("c-over");
        assertThat(reply(0).failure().code()).isEqualTo("busy");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2 + CommandChannel.MAX_WAITING);
    }
}
