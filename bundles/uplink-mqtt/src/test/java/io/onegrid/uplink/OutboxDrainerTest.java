package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain loop, against an in-memory outbox and a channel the test answers by hand. */
class OutboxDrainerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final FakeChannel channel = new FakeChannel();
    private final OutboxDrainer drainer = new OutboxDrainer(outbox, kind -> "og/v1/gw/gw-1/" + kind, executor,
            new Backoff(20, 40, new Random(1)), 4, 50);

    /** A channel that records publishes and lets the test send the PUBACKs. */
    static final class FakeChannel implements PublishChannel {
        record Sent(String topic, String payload, Result result) { }

        final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(String topic, byte[] payload, Result result) {
            sent.add(new Sent(topic, new String(payload, StandardCharsets.UTF_8), result));
        }

        List<String> payloads() {
            return sent.stream().map(Sent::payload).toList();
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private long append(Priority p, String text) {
        return outbox.append(new OutboundMessage(p, p.name().toLowerCase(), text.getBytes(StandardCharsets.UTF_8)));
    }

    /** In-flight is bounded by min(maxInFlight, receive maximum - 1), in outbox order, on the kind's topic. */
    @Test
    void sendsInOrderWithinTheWindow() {
        for (int i = 0; i < 3; i++) append(Priority.TELEMETRY, "t" + i);
        append(Priority.ALARM, "a0");
        outbox.onAppend(drainer::wake);

        drainer.connected(channel, 3);

        await().until(() -> channel.sent.size() == 2);
        assertThat(channel.payloads()).containsExactly("a0", "t0");
        assertThat(channel.sent.peek().topic()).isEqualTo("og/v1/gw/gw-1/alarm");
    }

    /** A successful PUBACK acknowledges the message and frees a slot for the next one. */
    @Test
    void successAcknowledgesAndContinues() {
        long a = append(Priority.ALARM, "a");
        long b = append(Priority.EVENT, "b");
        drainer.connected(channel, 2); // window 1

        await().until(() -> channel.sent.size() == 1);
        channel.sent.peek().result().acknowledged(0x00);

        await().until(() -> channel.sent.size() == 2);
        assertThat(outbox.acknowledged).containsExactly(a);
        channel.sent.stream().skip(1).findFirst().orElseThrow().result().acknowledged(0x10); // no subscribers = success
        await().until(() -> outbox.acknowledged.contains(b));
        assertThat(outbox.size()).isZero();
    }

    /** A non-retryable negative PUBACK (0x99) quarantines the message; it is never sent again. */
    @Test
    void nonRetryableRejectionQuarantines() {
        long bad = append(Priority.EVENT, "bad");
        drainer.connected(channel, 65_535);
        await().until(() -> channel.sent.size() == 1);

        channel.sent.peek().result().acknowledged(0x99);

        await().until(() -> outbox.quarantined.containsKey(bad));
        assertThat(outbox.quarantined.get(bad)).contains("0x99");
        drainer.wake();
        await().during(java.time.Duration.ofMillis(200)).until(() -> channel.sent.size() == 1);
    }

    /** A retryable negative PUBACK (0x97) counts the attempt and re-sends after the backoff, same payload. */
    @Test
    void retryableRejectionRetriesLater() {
        long m = append(Priority.ALARM, "a");
        drainer.connected(channel, 65_535);
        await().until(() -> channel.sent.size() == 1);

        channel.sent.peek().result().acknowledged(0x97);

        await().until(() -> channel.sent.size() == 2);
        assertThat(channel.payloads()).containsExactly("a", "a");
        assertThat(outbox.attempts(m)).isEqualTo(1);
        assertThat(outbox.quarantined).isEmpty();
    }

    /**
     * GIVEN a hub that answers one message with 0x97 every time and a window of one WHEN it was refused
     * maxAttempts times THEN it is quarantined ("gave up after 3 attempts") and the message behind it is sent.
     */
    @Test
    void retryableRejectionGivesUpAfterMaxAttempts() {
        OutboxDrainer limited = new OutboxDrainer(outbox, kind -> "og/v1/gw/gw-1/" + kind, executor,
                new Backoff(5, 10, new Random(1)), 1, 3);
        long stuck = append(Priority.ALARM, "stuck");
        long next = append(Priority.EVENT, "next");
        limited.connected(channel, 65_535);

        for (int attempt = 1; attempt <= 3; attempt++) {
            int sent = attempt;
            await().until(() -> channel.sent.size() == sent);
            assertThat(channel.payloads()).last().isEqualTo("stuck");
            channel.sent.stream().skip(sent - 1).findFirst().orElseThrow().result().acknowledged(0x97);
        }

        await().until(() -> outbox.quarantined.containsKey(stuck));
        assertThat(outbox.quarantined.get(stuck)).startsWith("gave up after 3 attempts").contains("0x97");
        await().until(() -> channel.sent.size() == 4);
        assertThat(channel.payloads()).containsExactly("stuck", "stuck", "stuck", "next");
        channel.sent.stream().skip(3).findFirst().orElseThrow().result().acknowledged(0x00);
        await().until(() -> outbox.acknowledged.contains(next));
    }

    /** After a lost connection, in-flight messages are sent again on the next session; late outcomes are ignored. */
    @Test
    void reconnectResendsWhatWasInFlight() {
        append(Priority.ALARM, "a");
        drainer.connected(channel, 65_535);
        await().until(() -> channel.sent.size() == 1);
        PublishChannel.Result old = channel.sent.peek().result();

        drainer.disconnected();
        FakeChannel second = new FakeChannel();
        drainer.connected(second, 65_535);
        await().until(() -> second.sent.size() == 1);
        old.failed(new IllegalStateException("connection lost"));
        second.sent.peek().result().acknowledged(0);

        await().until(() -> outbox.size() == 0);
        assertThat(second.payloads()).containsExactly("a");
    }

    /** While disconnected nothing is published, and an append wakes the loop once connected (no polling). */
    @Test
    void appendWakesTheLoop() {
        outbox.onAppend(drainer::wake);
        append(Priority.TELEMETRY, "early");
        drainer.connected(channel, 65_535);
        await().until(() -> channel.sent.size() == 1);

        append(Priority.TELEMETRY, "late");

        await().until(() -> channel.sent.size() == 2);
        assertThat(channel.payloads()).containsExactly("early", "late");
    }

    /** The window leaves one slot of the server's receive maximum free for birth, health and death. */
    @Test
    void windowReservesOneSlot() {
        assertThat(OutboxDrainer.window(16, 65_535)).isEqualTo(16);
        assertThat(OutboxDrainer.window(16, 10)).isEqualTo(9);
        assertThat(OutboxDrainer.window(16, 1)).isEqualTo(1);
        assertThat(OutboxDrainer.window(16, 0)).isEqualTo(16);
    }
}
