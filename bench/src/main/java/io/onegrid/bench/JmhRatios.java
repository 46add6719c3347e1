package io.onegrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file into the ratio table of docs/benchmarks.md. Convention: in one benchmark class,
 * the method {@code <group>_reference} is the reference of every other method {@code <group>_<name>}; with
 * parameters, a reference that has the same values for the parameters it shares is taken. The ratio's error
 * combines both scores' relative errors (JMH's 99.9% intervals) in quadrature, a first-order estimate. The ratio
 * of the medians of the iterations is printed beside it: it shrugs off a single disturbed iteration.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.onegrid.bench.JmhRatios bench/target/results/jmh.json}
 */
public final class JmhRatios {
    private record Row(String clazz, String group, String name, Map<String, String> params, int threads, double score,
                       double error, String unit, double allocNorm, double median) { }

    private JmhRatios() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: JmhRatios <jmh-result.json>");
        List<Row> rows = read(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
        System.out.println("| benchmark | params | threads | ours | reference | ratio ours/reference | ratio of medians | allocated per op, ours / reference |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            if (r.name.equals("reference")) continue;
            Row ref = referenceOf(r, rows);
            if (ref == null) {
                System.out.printf(Locale.ROOT, "| %s.%s | %s | %d | %s | (no reference) | | | %s |%n", r.clazz, r.group + "_" + r.name,
                        params(r), r.threads, score(r), bytes(r.allocNorm));
                continue;
            }
            double ratio = r.score / ref.score;
            double err = ratio * Math.sqrt(sq(r.error / r.score) + sq(ref.error / ref.score));
            System.out.printf(Locale.ROOT, "| %s.%s | %s | %d | %s | %s | **%s** ± %s | %s | %s / %s |%n", r.clazz,
                    r.group + "_" + r.name, params(r), r.threads, score(r), score(ref), ratio(ratio), ratio(err),
                    ratio(r.median / ref.median), bytes(r.allocNorm),
                    bytes(ref.allocNorm));
        }
    }

    private static List<Row> read(JsonNode results) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode n : results) {
            String full = n.get("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String clazz = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            String method = full.substring(dot + 1);
            int us = method.lastIndexOf('_');
            String group = us < 0 ? method : method.substring(0, us);
            String name = us < 0 ? "" : method.substring(us + 1);
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = n.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode pm = n.get("primaryMetric");
            double alloc = Double.NaN;
            JsonNode sec = n.get("secondaryMetrics");
            if (sec != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = sec.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().endsWith("gc.alloc.rate.norm")) alloc = e.getValue().get("score").asDouble();
                }
            }
            double error = pm.get("scoreError").asDouble();
            rows.add(new Row(clazz, group, name, params, n.get("threads").asInt(), pm.get("score").asDouble(),
                    Double.isNaN(error) ? 0 : error, pm.get("scoreUnit").asText(), alloc, median(pm.get("rawData"))));
        }
        return rows;
    }

    /** Median of all iterations of all forks: one disturbed iteration moves it little. */
    private static double median(JsonNode rawData) {
        List<Double> all = new ArrayList<>();
        if (rawData != null) rawData.forEach(fork -> fork.forEach(v -> all.add(v.asDouble())));
        if (all.isEmpty()) return Double.NaN;
        all.sort(null);
        int n = all.size();
        return n % 2 == 1 ? all.get(n / 2) : (all.get(n / 2 - 1) + all.get(n / 2)) / 2;
    }

    private static Row referenceOf(Row r, List<Row> rows) {
        Row fallback = null;
        for (Row c : rows) {
            if (!c.name.equals("reference") || !c.clazz.equals(r.clazz) || !c.group.equals(r.group)) continue;
            boolean same = c.params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params.get(e.getKey())));
            if (same) return c;
            if (fallback == null) fallback = c;
        }
        return fallback;
    }

    private static String params(Row r) {
        if (r.params.isEmpty()) return "";
        List<String> out = new ArrayList<>();
        r.params.forEach((k, v) -> out.add(k + "=" + v));
        return String.join(", ", out);
    }

    private static String score(Row r) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f %s", r.score, r.error, r.unit);
    }

    private static String bytes(double b) {
        if (Double.isNaN(b)) return "n/a";
        return b >= 10_000 ? String.format(Locale.ROOT, "%,.1f kB", b / 1000) : String.format(Locale.ROOT, "%,.0f B", b);
    }

    /** Two significant digits at least, so that small ratios stay readable. */
    private static String ratio(double x) {
        return x >= 1 ? String.format(Locale.ROOT, "%.2f", x) : String.format(Locale.ROOT, "%.2g", x);
    }

    private static double sq(double x) {
        return x * x;
    }
}
