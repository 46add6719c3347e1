package io.onegrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an operator sees of a gateway's alarms through the hub's REST API: every case of a type with its alarms
 * and timeline. Logs in again when the hub answers 401, so it keeps working across a hub restart.
 */
final class HubAlarms {
    /** One case as its detail reads, and its alarms from one device, oldest raise first. */
    record CaseView(JsonNode detail, List<JsonNode> alarms) { }

    private final HubClient client;
    private final String user;
    private final String password;

    HubAlarms(HubClient client, String user, String password) {
        this.client = client;
        this.user = user;
        this.password = password;
    }

    /** Per device, the cases of {@code caseType} holding its alarms (usually one: a device's raises join its case). */
    Map<String, List<CaseView>> byDevice(String caseType) throws IOException, InterruptedException {
        Map<String, List<CaseView>> views = new TreeMap<>();
        for (JsonNode c : get("/api/cases?limit=500&type=" + caseType).path("items")) {
            JsonNode detail = get("/api/cases/" + c.path("id").asText());
            Map<String, List<JsonNode>> alarms = new TreeMap<>();
            for (JsonNode a : detail.path("alarms")) {
                alarms.computeIfAbsent(a.path("device").asText(), d -> new ArrayList<>()).add(a);
            }
            alarms.forEach((device, list) -> {
                list.sort(Comparator.comparingLong(a -> a.path("raisedAt").path("wall").asLong()));
                views.computeIfAbsent(device, d -> new ArrayList<>()).add(new CaseView(detail, list));
            });
        }
        return views;
    }

    /** The alarms of {@code device} over all its cases, oldest raise first. */
    static List<JsonNode> alarmsOf(Map<String, List<CaseView>> views, String device) {
        List<JsonNode> all = new ArrayList<>();
        views.getOrDefault(device, List.of()).forEach(v -> all.addAll(v.alarms()));
        all.sort(Comparator.comparingLong(a -> a.path("raisedAt").path("wall").asLong()));
        return all;
    }

    /** One gateway from {@code GET /api/gateways}. */
    static JsonNode gateway(JsonNode gateways, String id) {
        for (JsonNode g : gateways.path("items")) {
            if (id.equals(g.path("id").asText())) return g;
        }
        throw new AssertionError("gateway " + id + " not listed: " + gateways);
    }

    static boolean cleared(JsonNode alarm) {
        JsonNode at = alarm.path("clearedAt");
        return !(at.isMissingNode() || at.isNull());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HubClient.Answer a = client.fetch(path);
        if (a.status() == 401) {
            client.login(user, password);
            a = client.fetch(path);
        }
        if (a.status() != 200) throw new IllegalStateException("GET " + path + " -> " + a.status() + " " + a.body());
        return a.body();
    }
}
