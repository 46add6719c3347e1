package io.onegrid.gateway.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's replies for people: devices, alarms and read as aligned tables, status and outbox as one
 * "name  value" line per field (nested objects flattened as a.b). Ages in ms become "12s ago"-style durations.
 */
final class Tables {
    private Tables() {
    }

    static void print(String command, Map<String, Object> result, PrintWriter out) {
        switch (command) {
            case "devices" -> table(out, List.of("DEVICE", "PROFILE", "STATE", "LAST READING", "VALUES"),
                    rows(result.get("devices"), d -> List.of(text(d.get("device")), text(d.get("profile")),
                            text(d.get("state")), age(d.get("lastReadingAgeMs")), values(d.get("values")))),
                    "no devices configured");
            case "alarms" -> table(out, List.of("ALARM", "DEVICE", "RULE", "SEVERITY", "RAISED"),
                    rows(result.get("alarms"), a -> List.of(text(a.get("alarm")), text(a.get("device")),
                            text(a.get("rule")), text(a.get("severity")), age(a.get("ageMs")))),
                    "no alarms raised");
            case "read" -> {
                out.println("device " + text(result.get("device")) + (Boolean.TRUE.equals(result.get("online"))
                        ? " (online)" : " (offline)"));
                table(out, List.of("CHANNEL", "VALUE", "UNIT", "QUALITY"), rows(result.get("readings"),
                        r -> List.of(text(r.get("channel")), text(r.get("value")), text(r.get("unit")),
                                text(r.get("quality")))), "no channels");
            }
            default -> fields(out, "", result);
        }
    }

    interface Row {
        List<String> of(Map<?, ?> item);
    }

    private static List<List<String>> rows(Object list, Row row) {
        List<List<String>> rows = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) if (item instanceof Map<?, ?> m) rows.add(row.of(m));
        }
        return rows;
    }

    private static void table(PrintWriter out, List<String> header, List<List<String>> rows, String empty) {
        if (rows.isEmpty()) {
            out.println(empty);
            return;
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        line(out, header, width);
        for (List<String> r : rows) line(out, r, width);
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append("  ");
            b.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + width[i] + "s", cells.get(i)));
        }
        out.println(b.toString().stripTrailing());
    }

    private static void fields(PrintWriter out, String prefix, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                fields(out, name + ".", nested);
            } else if (name.endsWith("AgeMs") || name.endsWith("uptimeMs")) {
                out.println(name + "  " + age(e.getValue()).replace(" ago", ""));
            } else {
                out.println(name + "  " + text(e.getValue()));
            }
        }
    }

    private static String values(Object list) {
        List<String> parts = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> v)) continue;
                String unit = v.get("unit") == null ? "" : " " + v.get("unit");
                String quality = "good".equals(v.get("quality")) ? "" : " (" + text(v.get("quality")) + ")";
                parts.add(v.get("channel") + "=" + text(v.get("value")) + unit + quality);
            }
        }
        return String.join(" ", parts);
    }

    static String age(Object ms) {
        if (!(ms instanceof Number n)) return "-";
        long s = n.longValue() / 1000;
        String text = s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s")
                : s < 86_400 ? s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m") : s / 86_400 + "d";
        return text + " ago";
    }

    private static String text(Object v) {
        if (v == null) return "-";
        if (v instanceof List<?> l) return l.isEmpty() ? "-" : l.size() + " items";
        return String.valueOf(v);
    }
}
