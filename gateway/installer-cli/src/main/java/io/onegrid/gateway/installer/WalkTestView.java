package io.onegrid.gateway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hub's {@code GET /api/gateways/{id}/walktest} says about the devices this gateway's file declares:
 * the live lines, and the commissioning report to {@code PUT} at the end. Pure: no I/O.
 */
public final class WalkTestView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One device's first trigger as the hub saw it. */
    public record Trigger(Instant at, String value, Long roundTripMs) { }

    /** A fault the device reported of itself (not answering, sensor fault, tamper); {@code raised} while it lasts. */
    public record Fault(String caseType, String detail, boolean raised) { }

    private final List<String> declared;
    private final Map<String, Trigger> triggered;
    private final Map<String, Fault> faults;
    private final ZoneId zone;

    private WalkTestView(List<String> declared, Map<String, Trigger> triggered, Map<String, Fault> faults, ZoneId zone) {
        this.declared = List.copyOf(declared);
        this.triggered = triggered;
        this.faults = faults;
        this.zone = zone;
    }

    /** @param walkTest the hub's walk-test answer; devices it saw that the file does not declare are left out */
    public static WalkTestView of(List<String> declared, JsonNode walkTest, ZoneId zone) {
        Map<String, Trigger> seen = new LinkedHashMap<>();
        for (JsonNode d : walkTest.path("devices")) {
            String id = d.path("device").asText();
            if (!declared.contains(id) || d.path("firstTriggeredAt").isMissingNode() || d.path("firstTriggeredAt").isNull()) continue;
            seen.put(id, new Trigger(Instant.parse(d.path("firstTriggeredAt").asText()),
                    d.path("value").isTextual() ? d.path("value").asText() : null,
                    d.path("roundTripMs").isNumber() ? d.path("roundTripMs").asLong() : null));
        }
        Map<String, Fault> faults = new LinkedHashMap<>();
        for (JsonNode f : walkTest.path("faults")) {
            String id = f.path("device").asText();
            if (declared.contains(id)) faults.put(id, fault(f));
        }
        return new WalkTestView(declared, seen, faults, zone);
    }

    private static Fault fault(JsonNode f) {
        return new Fault(f.path("caseType").asText("device.fault"),
                f.path("detail").isTextual() ? f.path("detail").asText() : f.path("caseType").asText("fault"),
                f.path("raised").asBoolean(false));
    }

    public boolean allTriggered() {
        return !declared.isEmpty() && triggered.keySet().containsAll(declared);
    }

    public int triggeredCount() {
        return triggered.size();
    }

    public List<String> untested() {
        return declared.stream().filter(d -> !triggered.containsKey(d)).toList();
    }

    /** One line per declared device, in the file's order. */
    public List<String> lines() {
        int width = declared.stream().mapToInt(String::length).max().orElse(6);
        List<String> out = new ArrayList<>();
        for (String d : declared) {
            Trigger t = triggered.get(d);
            String pad = String.format("%-" + width + "s", d);
            Fault f = faults.get(d);
            out.add((t == null ? "  " + pad + "  waiting"
                    : "  " + pad + "  triggered at " + TIME.format(t.at().atZone(zone))
                    + (t.value() == null ? "" : ", " + t.value())
                    + (t.roundTripMs() == null ? "" : ", hub round trip " + t.roundTripMs() + " ms"))
                    + (f == null ? "" : f.raised() ? "  FAULT: " + f.detail() : "  (fault earlier: " + f.detail() + "; over)"));
        }
        return out;
    }

    /** The body of {@code PUT /api/gateways/{id}/commissioning}. */
    public ObjectNode report(Long walkTestId, String notes) {
        ObjectNode r = HubClient.JSON.createObjectNode();
        if (walkTestId != null) r.put("walkTest", walkTestId);
        ArrayNode devices = r.putArray("devices");
        for (String d : declared) {
            Trigger t = triggered.get(d);
            if (t == null) continue;
            ObjectNode o = devices.addObject().put("device", d).put("triggeredAt", t.at().toString());
            if (t.value() != null) o.put("value", t.value());
            if (t.roundTripMs() != null) o.put("roundTripMs", Math.max(0, t.roundTripMs()));
        }
        ArrayNode untested = r.putArray("untested");
        untested().forEach(untested::add);
        if (notes != null && !notes.isBlank()) r.put("notes", notes);
        return r;
    }

    /** The hub's stored report as the installer reads it: one line per device, then the untested ones and faults. */
    public static List<String> printReport(JsonNode stored, ZoneId zone) {
        List<String> out = new ArrayList<>();
        out.add("commissioning report for " + stored.path("gateway").asText("?") + " (walk test "
                + stored.path("walkTest").asText("-") + ", stored by the hub as report " + stored.path("id").asText("?") + ")");
        out.add(String.format("  %-20s %-9s %-28s %s", "device", "triggered", "value seen", "hub round trip"));
        for (JsonNode d : stored.path("devices")) {
            if (d.path("triggeredAt").isNull() || d.path("triggeredAt").isMissingNode()) continue;
            out.add(String.format("  %-20s %-9s %-28s %s", d.path("device").asText(),
                    TIME.format(Instant.parse(d.path("triggeredAt").asText()).atZone(zone)),
                    d.path("value").isTextual() ? d.path("value").asText() : "-",
                    d.path("roundTripMs").isNumber() ? d.path("roundTripMs").asLong() + " ms" : "-"));
        }
        List<String> untested = new ArrayList<>();
        stored.path("untested").forEach(u -> untested.add(u.asText()));
        out.add(untested.isEmpty() ? "  every device was tested" : "  untested: " + String.join(", ", untested));
        for (JsonNode f : stored.path("faults")) {
            Fault fault = fault(f);
            out.add("  fault: " + f.path("device").asText() + " " + fault.caseType() + ", " + fault.detail()
                    + (fault.raised() ? " (still raised: check the device)" : " (over)"));
        }
        return out;
    }
}
