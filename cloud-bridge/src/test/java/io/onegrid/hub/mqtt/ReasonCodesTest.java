package io.onegrid.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.mqtt.ReasonCodes.Answer;
import io.onegrid.hub.mqtt.ReasonCodes.GatewayAction;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.protocol.ProtocolError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hub's PUBACK table against the gateway's reading of reason codes and against docs/protocol.md. */
class ReasonCodesTest {
    /** MQTT 5.0 section 3.4.2.1: the only reason codes a PUBACK may carry. */
    private static final Set<Integer> PUBACK_CODES = Set.of(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
    /** A row of the reason-code table in docs/protocol.md: | `0x97` Quota exceeded | meaning | gateway action | */
    private static final Pattern DOC_ROW = Pattern.compile("^\\| `0x([0-9A-Fa-f]{2})` [^|]+\\|[^|]+\\| ([^|]+?) \\|$");

    /**
     * Verifies that hub and gateway agree: GIVEN every answer of the table WHEN the gateway reads its code
     * (ProtocolError.isRetryableReasonCode) THEN it retries exactly the answers the hub means to be retried.
     */
    @Test
    void gatewayRetriesExactlyWhatTheHubMeansToBeRetried() {
        for (Answer a : Answer.values()) {
            assertThat(PUBACK_CODES).as(a + " must be a legal PUBACK code").contains(a.value());
            boolean gatewayRetries = ProtocolError.isRetryableReasonCode(a.value()) && a.value() >= 0x80;
            assertThat(gatewayRetries).as(a + " " + a.hex()).isEqualTo(a.action == GatewayAction.RETRY);
            assertThat(a.value() < 0x80).as(a + " " + a.hex()).isEqualTo(a.action == GatewayAction.DELETE);
        }
    }

    /**
     * Verifies the split the protocol promises: GIVEN what the hub may answer WHEN mapped THEN storage trouble
     * and a newer envelope version are retried, while a broken, misaddressed or unappliable message is set aside.
     */
    @Test
    void transientAndNewerVersionRetriedBrokenSetAside() {
        assertThat(ReasonCodes.of(IngestResult.failed("disk full")).action).isEqualTo(GatewayAction.RETRY);
        assertThat(ReasonCodes.of(ProtocolError.UNAVAILABLE).action).isEqualTo(GatewayAction.RETRY);
        assertThat(ReasonCodes.of(ProtocolError.UNSUPPORTED_VERSION).action).isEqualTo(GatewayAction.RETRY);
        assertThat(ReasonCodes.of(ProtocolError.UNSUPPORTED_VERSION).value()).isEqualTo(0x80);
        assertThat(ReasonCodes.of(IngestResult.STORED).action).isEqualTo(GatewayAction.DELETE);
        assertThat(ReasonCodes.of(IngestResult.DUPLICATE).action).isEqualTo(GatewayAction.DELETE);
        for (ProtocolError e : new ProtocolError[] {ProtocolError.MALFORMED, ProtocolError.INVALID_FIELD,
                ProtocolError.BAD_TOPIC, ProtocolError.UNKNOWN_KIND, ProtocolError.NOT_AUTHORIZED, ProtocolError.TOO_LARGE}) {
            assertThat(ReasonCodes.of(e).action).as(e.name()).isEqualTo(GatewayAction.SET_ASIDE);
        }
        assertThat(ReasonCodes.of(IngestResult.unprocessable("constraint")).action).isEqualTo(GatewayAction.SET_ASIDE);
    }

    /**
     * Verifies that docs/protocol.md shows the same table: GIVEN its reason-code rows WHEN compared with the
     * answers THEN every code the hub sends is listed once, with the gateway action the hub means.
     */
    @Test
    void protocolDocumentShowsTheSameTable() throws Exception {
        Map<Integer, String> documented = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "protocol.md"))) {
            Matcher m = DOC_ROW.matcher(line.strip());
            if (m.matches()) {
                String previous = documented.put(Integer.parseInt(m.group(1), 16), m.group(2).strip());
                assertThat(previous).as("row for 0x" + m.group(1) + " appears twice").isNull();
            }
        }
        Set<Integer> sent = new HashSet<>();
        for (Answer a : Answer.values()) {
            sent.add(a.value());
            assertThat(documented).as("docs/protocol.md row for " + a.hex()).containsKey(a.value());
            assertThat(documented.get(a.value())).as(a.hex()).startsWith(switch (a.action) {
                case DELETE -> "delete";
                case RETRY -> "retry";
                case SET_ASIDE -> "set aside";
            });
        }
        // rows for codes the hub never sends must still say what the gateway does with them
        documented.forEach((code, action) -> {
            if (!sent.contains(code)) {
                boolean retries = ProtocolError.isRetryableReasonCode(code);
                assertThat(action).as("0x%02X", code).startsWith(code < 0x80 ? "delete" : retries ? "retry" : "set aside");
            }
        });
    }
}
