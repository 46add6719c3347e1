package io.onegrid.bench.hub;

import io.onegrid.bench.Payloads;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import java.util.Locale;
import java.util.function.LongFunction;

/** What the bench gateways publish: telemetry batches, or alarm raise/clear pairs that go through the case engine. */
enum Workload {
    TELEMETRY(MessageKind.TELEMETRY), ALARM(MessageKind.ALARM);

    private final MessageKind kind;

    Workload(MessageKind kind) {
        this.kind = kind;
    }

    String topic(String gatewayId) {
        return Topics.uplink(gatewayId, kind);
    }

    /** Readings carried per message (for readings/s). */
    int readingsPerMessage(int telemetryReadings) {
        return this == TELEMETRY ? telemetryReadings : 1;
    }

    /** Message n of one gateway: a unique seq each; alarms alternate raise and clear of a new alarm id. */
    LongFunction<byte[]> messages(String gatewayId, int telemetryReadings) {
        EnvelopeCodec codec = new EnvelopeCodec();
        if (this == TELEMETRY) {
            PayloadTemplate t = new PayloadTemplate(
                    codec.encode(Payloads.telemetry(gatewayId, PayloadTemplate.SEQ_MARK, telemetryReadings)),
                    PayloadTemplate.SEQ_MARK);
            return n -> t.fill(PayloadTemplate.SEQ_MARK + n);
        }
        String id = "alarm-" + PayloadTemplate.ID_MARK;
        PayloadTemplate raised = new PayloadTemplate(codec.encode(Payloads.alarm(gatewayId, PayloadTemplate.SEQ_MARK, id,
                Body.Transition.RAISED)), PayloadTemplate.SEQ_MARK, PayloadTemplate.ID_MARK);
        PayloadTemplate cleared = new PayloadTemplate(codec.encode(Payloads.alarm(gatewayId, PayloadTemplate.SEQ_MARK, id,
                Body.Transition.CLEARED)), PayloadTemplate.SEQ_MARK, PayloadTemplate.ID_MARK);
        return n -> (n % 2 == 0 ? raised : cleared).fill(PayloadTemplate.SEQ_MARK + n, PayloadTemplate.ID_MARK + n / 2);
    }

    static Workload parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
