package io.onegrid.hub.claims;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.WalkTestStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges what a gateway or installer reports of a walk test with what the hub saw itself: a device is tested when
 * either saw it trigger (the hub's sighting wins over a report that calls it untested, and is named as such); every
 * declared device neither saw is untested, whether the report names it or forgets it. A report naming a device the
 * gateway does not declare, twice, or both tested and untested is refused whole, with every such problem listed.
 * Faults a device reported of itself during the walk test (not answering, sensor fault, tamper) are listed as
 * {@code faults} and never count as a trigger.
 */
public final class CommissioningMerge {

    /** One device as the report gives it; {@code triggeredAt} and {@code roundTripMs} may be null. */
    public record Reported(String device, Instant triggeredAt, String value, Long roundTripMs) { }

    /** The merged report and the devices it finds tested. */
    public record Result(JsonObject report, List<String> tested) { }

    private CommissioningMerge() { }

    public static Result merge(String gatewayId, List<String> declared, WalkTestStore.WalkTest hub, List<Reported> reported,
                               List<String> untestedReported, String notes) {
        Set<String> known = new LinkedHashSet<>(declared);
        List<String> problems = new ArrayList<>();
        Map<String, Reported> byDevice = new LinkedHashMap<>();
        for (Reported r : reported) {
            if (!known.contains(r.device())) problems.add("device " + r.device() + " is not declared by gateway " + gatewayId);
            else if (byDevice.put(r.device(), r) != null) problems.add("device " + r.device() + " is reported twice");
        }
        Set<String> calledUntested = new LinkedHashSet<>();
        for (String u : untestedReported) {
            if (!known.contains(u)) problems.add("untested device " + u + " is not declared by gateway " + gatewayId);
            else if (byDevice.containsKey(u)) problems.add("device " + u + " is reported both tested and untested");
            else calledUntested.add(u);
        }
        if (!problems.isEmpty()) {
            throw new HubException(HubError.BAD_REQUEST, String.join("; ", problems), Map.of("problems", problems));
        }
        Map<String, WalkTestStore.DeviceSeen> seen = new LinkedHashMap<>();
        if (hub != null) hub.devices().forEach(d -> seen.put(d.device(), d));
        JsonArray devices = new JsonArray();
        List<String> tested = new ArrayList<>();
        JsonArray untested = new JsonArray();
        for (String id : known) {
            Reported r = byDevice.get(id);
            WalkTestStore.DeviceSeen h = seen.get(id);
            if (r == null && h == null) {
                untested.add(id);
                continue;
            }
            tested.add(id);
            devices.add(entry(id, r, h, calledUntested.contains(id)));
        }
        JsonObject report = new JsonObject().put("gateway", gatewayId).put("walkTest", hub == null ? null : hub.id())
                .put("devices", devices).put("untested", untested)
                .put("faults", hub == null ? new JsonArray() : faults(hub)).put("notes", notes);
        return new Result(report, List.copyOf(tested));
    }

    /**
     * The faults devices reported of themselves during the walk test ({@code raised}: still at its end, or now while
     * it runs); they never make a device tested.
     */
    public static JsonArray faults(WalkTestStore.WalkTest w) {
        JsonArray out = new JsonArray();
        for (WalkTestStore.DeviceFault f : w.faults()) {
            out.add(new JsonObject().put("device", f.device()).put("firstAt", f.firstAt().toString())
                    .put("receivedAt", f.receivedAt().toString()).put("alarm", f.alarmId()).put("caseType", f.caseType())
                    .put("detail", f.detail()).put("faults", f.faults()).put("raised", f.raised()));
        }
        return out;
    }

    private static JsonObject entry(String id, Reported r, WalkTestStore.DeviceSeen h, boolean calledUntested) {
        JsonArray seenBy = new JsonArray();
        if (r != null) seenBy.add("gateway");
        if (h != null) seenBy.add("hub");
        Instant first = r == null || r.triggeredAt() == null ? (h == null ? null : h.firstAt())
                : h == null || r.triggeredAt().isBefore(h.firstAt()) ? r.triggeredAt() : h.firstAt();
        JsonObject e = new JsonObject().put("device", id).put("triggeredAt", first == null ? null : first.toString())
                .put("value", r != null && r.value() != null ? r.value() : h == null ? null : h.value())
                // the hub's own measure is clock-corrected; the gateway's is what the gateway saw
                .put("roundTripMs", h != null ? Long.valueOf(h.roundTripMs()) : r.roundTripMs())
                .put("seenBy", seenBy);
        if (r != null) {
            e.put("gateway", new JsonObject().put("triggeredAt", r.triggeredAt() == null ? null : r.triggeredAt().toString())
                    .put("value", r.value()).put("roundTripMs", r.roundTripMs()));
        }
        if (h != null) {
            e.put("hub", new JsonObject().put("triggeredAt", h.firstAt().toString()).put("receivedAt", h.receivedAt().toString())
                    .put("trigger", h.trigger()).put("ref", h.ref()).put("value", h.value())
                    .put("roundTripMs", h.roundTripMs()).put("triggers", h.triggers()));
        }
        if (calledUntested) e.put("note", "the report called it untested, but the hub saw it trigger");
        return e;
    }
}
