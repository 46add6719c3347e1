package io.onegrid.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import io.onegrid.api.Priority;
import io.onegrid.api.Reading;
import io.onegrid.api.StoredMessage;
import io.onegrid.api.UplinkEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelemetryBatcherTest {
    private final ManualTime time = new ManualTime();
    private final List<List<Reading>> sent = new ArrayList<>();

    private List<Reading> readings(int n) {
        return IntStream.range(0, n).mapToObj(i -> Reading.good("d", "c" + i, (double) i, null, time)).toList();
    }

    /** Readings leave one flush interval after the first of a batch, as one message. */
    @Test
    void flushesAfterTheInterval() {
        TelemetryBatcher batcher = new TelemetryBatcher(sent::add, time, time, 50, 1_000, 5_000);
        batcher.add(readings(3));
        time.advance(400);
        batcher.add(readings(2));
        time.advance(599);
        assertThat(sent).isEmpty();

        time.advance(1);

        assertThat(sent).singleElement().satisfies(b -> assertThat(b).hasSize(5));
    }

    /** A full batch leaves at once, on the scheduler rather than the caller, taking what waits in batches of at most 50. */
    @Test
    void fullBatchLeavesAtOnce() {
        TelemetryBatcher batcher = new TelemetryBatcher(sent::add, time, time, 50, 1_000, 5_000);
        batcher.add(readings(120));
        assertThat(sent).isEmpty(); // never on the calling (bus) thread

        time.advance(0);

        assertThat(sent).extracting(List::size).containsExactly(50, 50, 20);
        assertThat(batcher.pendingCount()).isZero();
    }

    /** Nothing reported, nothing sent and no timer left behind. */
    @Test
    void idleBatcherStaysQuiet() {
        TelemetryBatcher batcher = new TelemetryBatcher(sent::add, time, time, 50, 1_000, 5_000);
        batcher.add(List.of());
        time.advance(10_000);
        assertThat(sent).isEmpty();
        assertThat(time.scheduled()).isZero();
    }

    /** When the sink falls behind, the oldest readings beyond the limit are dropped and counted. */
    @Test
    void dropsOldestBeyondTheLimit() {
        TelemetryBatcher batcher = new TelemetryBatcher(sent::add, time, time, 10, 1_000, 25);
        batcher.add(readings(30));

        assertThat(batcher.droppedTotal()).isEqualTo(5);
        time.advance(0);
        assertThat(sent).flatExtracting(b -> b).extracting(Reading::channel).first().isEqualTo("c5");
    }

    /** Each batch becomes one telemetry message appended to the outbox. */
    @Test
    void senderAppendsOneMessagePerBatch() {
        List<OutboundMessage> appended = new ArrayList<>();
        TelemetrySender sender = new TelemetrySender(encoder(), outbox(appended, false), time);
        sender.accept(readings(3));

        assertThat(appended).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("telemetry");
            assertThat(m.priority()).isEqualTo(Priority.TELEMETRY);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("3 readings");
        });
    }

    /** An outbox that throws loses that batch (counted, rate-limited warning) and the next one still goes out. */
    @Test
    void outboxFailureIsBestEffort() {
        List<OutboundMessage> appended = new ArrayList<>();
        boolean[] full = {true};
        Outbox outbox = new StubOutbox() {
            @Override
            public long append(OutboundMessage message) throws OutboxException {
                if (full[0]) throw new OutboxException(OutboxException.Code.FULL, "disk full", null);
                appended.add(message);
                return appended.size();
            }
        };
        TelemetrySender sender = new TelemetrySender(encoder(), outbox, time);

        sender.accept(readings(2));
        sender.accept(readings(2));
        full[0] = false;
        sender.accept(readings(4));

        assertThat(sender.lostBatches()).isEqualTo(2);
        assertThat(appended).hasSize(1);
    }

    private static UplinkEncoder encoder() {
        return new UplinkEncoder() {
            @Override
            public OutboundMessage alarm(AlarmTransition transition) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OutboundMessage telemetry(List<Reading> readings) {
                return new OutboundMessage(Priority.TELEMETRY, "telemetry",
                        (readings.size() + " readings").getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public OutboundMessage event(GatewayEvent event) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Outbox outbox(List<OutboundMessage> appended, boolean fail) {
        return new StubOutbox() {
            @Override
            public long append(OutboundMessage message) {
                appended.add(message);
                return appended.size();
            }
        };
    }

    /** Only append matters to the sender. */
    private abstract static class StubOutbox implements Outbox {
        @Override public List<StoredMessage> nextBatch(int max, Set<Long> excludeIds) { return List.of(); }
        @Override public void acknowledge(long id) { }
        @Override public void quarantine(long id, String reason) { }
        @Override public void attemptFailed(long id) { }
        @Override public OutboxStats stats() { return new OutboxStats(0, 0, 0, 0); }
        @Override public void onAppend(Runnable listener) { }
    }
}
