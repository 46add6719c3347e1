package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Coverage;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
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
    private final WireEncoder encoder = new WireEncoder("gw-1", "boot-1", GatewayClock.SYSTEM, new EnvelopeCodec());
    private final OutboxDrainer drainer = drainer(4, 3);

    private OutboxDrainer drainer(int maxInFlight, int holdBackAfter) {
        return drainer(maxInFlight, holdBackAfter, 50);
    }

    /** @param holdMs ceiling of a held-back message's first delay (it is drawn between half of it and all) */
    private OutboxDrainer drainer(int maxInFlight, int holdBackAfter, long holdMs) {
        Random random = new Random(1);
        return new OutboxDrainer(outbox, kind -> "og/v1/gw/gw-1/" + kind, executor, new Backoff(5, 20, random),
                () -> new Backoff(holdMs, 2 * holdMs, random), maxInFlight, holdBackAfter,
                new SetAsideNotice(outbox, encoder, new EnvelopeCodec(), GatewayClock.SYSTEM));
    }

    /** A channel that records publishes and lets the test send the PUBACKs; it can refuse chosen payloads. */
    static final class FakeChannel implements PublishChannel {
        record Sent(String topic, String payload, Result result) { }

        final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> thrown = new ConcurrentLinkedQueue<>();
        volatile java.util.function.Predicate<String> throwsFor = p -> false;

        @Override
        public void publish(String topic, byte[] payload, Result result) {
            String text = new String(payload, StandardCharsets.UTF_8);
            if (throwsFor.test(text)) {
                thrown.add(text);
                throw new IllegalStateException("cannot encode " + text);
            }
            sent.add(new Sent(topic, text, result));
        }

        Sent nth(int n) {
            return sent.stream().skip(n).findFirst().orElseThrow();
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
     * GIVEN a hub that answers 0x97 (cannot store now) ten times in a row, more than the hold-back threshold
     * WHEN it then accepts THEN nothing was quarantined or held back: the alarm kept its place, was sent each
     * time, and the event behind it goes only after it.
     */
    @Test
    void retryableRejectionsNeverQuarantineNorReorder() {
        OutboxDrainer one = drainer(1, 3);
        long alarm = append(Priority.ALARM, "a");
        long event = append(Priority.EVENT, "e");
        one.connected(channel, 65_535);

        for (int n = 0; n < 10; n++) {
            int sent = n + 1;
            await().until(() -> channel.sent.size() == sent);
            channel.nth(n).result().acknowledged(0x97);
        }
        await().until(() -> channel.sent.size() == 11);
        channel.nth(10).result().acknowledged(0x00);
        await().until(() -> channel.sent.size() == 12);
        channel.nth(11).result().acknowledged(0x00);

        await().until(() -> outbox.acknowledged.contains(event));
        assertThat(channel.payloads()).containsExactly("a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "e");
        assertThat(outbox.quarantined).isEmpty();
        assertThat(outbox.acknowledged).containsExactly(alarm, event);
    }

    /**
     * GIVEN an alarm whose publish throws every time (it cannot be encoded) ahead of an event, window 1 WHEN it
     * failed 3 times in a row THEN it is held back and the event goes; later it is tried again, still pending,
     * never quarantined.
     */
    @Test
    void aPublishThatKeepsThrowingIsHeldBackAndLetsOthersGo() {
        // held for 0.5-1 s: long enough that the count below is not raced by the retry, short for the wait after it
        OutboxDrainer one = drainer(1, 3, 1_000);
        channel.throwsFor = "poison"::equals;
        long poison = append(Priority.ALARM, "poison");
        append(Priority.EVENT, "next");

        one.connected(channel, 65_535);

        await().until(() -> channel.sent.size() == 1);
        assertThat(channel.payloads()).containsExactly("next");
        assertThat(channel.thrown).hasSize(3);
        channel.nth(0).result().acknowledged(0x00);
        await().until(() -> channel.thrown.size() >= 4); // tried again once its own delay is over
        assertThat(outbox.quarantined).isEmpty();
        assertThat(outbox.pendingTexts()).containsExactly("poison");
        await().until(() -> outbox.attempts(poison) >= 4);
    }

    /**
     * GIVEN an alarm the connection dies on every time it is at the head of the line, with others in flight
     * behind it WHEN three sessions were lost that way THEN it is held back and the others are delivered; the
     * others are not blamed for the lost sessions.
     */
    @Test
    void aHeadOfLineThatKillsEverySessionIsHeldBack() {
        // a hold of at least 30 s: it cannot run out while the test checks what the next session sends first
        OutboxDrainer drainer = drainer(4, 3, 60_000);
        long killer = append(Priority.ALARM, "killer");
        long other = append(Priority.ALARM, "other");
        for (int session = 0; session < 3; session++) {
            FakeChannel ch = new FakeChannel();
            drainer.connected(ch, 65_535);
            await().until(() -> ch.sent.size() == 2);
            assertThat(ch.payloads()).containsExactly("killer", "other");
            ch.sent.forEach(s -> s.result().failed(new IllegalStateException("connection lost")));
            drainer.disconnected();
        }

        FakeChannel after = new FakeChannel();
        drainer.connected(after, 65_535);

        await().until(() -> after.sent.size() >= 1);
        assertThat(after.sent.peek().payload()).isEqualTo("other");
        after.sent.peek().result().acknowledged(0x00);
        await().until(() -> outbox.acknowledged.contains(other));
        assertThat(after.payloads()).containsExactly("other");
        assertThat(outbox.quarantined).doesNotContainKey(killer);
        assertThat(outbox.pendingTexts()).containsExactly("killer"); // kept, to be offered after its own delay
    }

    /**
     * GIVEN an alarm WHEN the hub refuses it for good (0x99) THEN it is quarantined and an alarm.set-aside event
     * naming the alarm, device, rule, transition, reason and outbox id is enqueued and sent to the hub.
     */
    @Test
    void anAlarmSetAsideIsReportedToTheHub() {
        long id = outbox.append(encoder.alarm(new AlarmTransition("alarm-1", "smoke-302", "smoke", true, "CRITICAL",
                "fire.smoke", new Coverage("bldg-7", "302", null, null), 1L, 1L, "smoke", List.of(), 1L, 1L)));
        drainer.connected(channel, 65_535);
        await().until(() -> channel.sent.size() == 1);

        channel.nth(0).result().acknowledged(0x99);

        await().until(() -> channel.sent.size() == 2);
        assertThat(outbox.quarantined).containsKey(id);
        FakeChannel.Sent notice = channel.nth(1);
        assertThat(notice.topic()).isEqualTo("og/v1/gw/gw-1/event");
        Body.Event event = (Body.Event) new EnvelopeCodec().decode(notice.payload().getBytes(StandardCharsets.UTF_8),
                MessageKind.EVENT).body();
        assertThat(event.type()).isEqualTo("alarm.set-aside");
        assertThat(event.device()).isEqualTo("smoke-302");
        assertThat(event.detail()).containsEntry("alarmId", "alarm-1").containsEntry("rule", "smoke")
                .containsEntry("transition", "raised").containsEntry("reason", "PUBACK reason code 0x99")
                .containsEntry("outboxId", Long.toString(id));
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
