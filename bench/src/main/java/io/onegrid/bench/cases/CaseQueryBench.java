package io.onegrid.bench.cases;

import io.onegrid.bench.Latencies;
import io.onegrid.bench.cases.CaseMix.BenchCase;
import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.store.CasePage;
import io.onegrid.hub.store.CaseQuery;
import io.onegrid.hub.store.CaseSummary;
import io.onegrid.hub.store.JdbcHubStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Case list and KPI latency with a year of cases (1,000,000 by default) in a district of 10 streets × 10
 * communities, on SQLite (the shipped default, a file in a temp dir) and on PostgreSQL 16 (zonky's embedded
 * server). The cases are written straight into the schema the store migrated ({@link CaseLoader}); every
 * measured call then goes through the real store API, {@code JdbcHubStore.cases(CaseQuery)} and
 * {@code kpis(...)}, exactly what {@code GET /api/cases} and {@code GET /api/kpis} run, minus HTTP and JSON.
 * The target is p99 ≤ 50 ms per query. The reference is {@code ping()}: SELECT 1 through the same read path.
 *
 * <p>Queries are interleaved (one run of each in turn), so a disturbance of the machine spreads over all of
 * them instead of spoiling one, and no query runs on a cache that only it warmed. A query leaves the rotation
 * when it has its runs or has used its time budget (the year-long KPIs take seconds each).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.onegrid.bench.cases.CaseQueryBench [--cases 1000000]
 * [--databases sqlite,postgres] [--runs 200] [--warmup 20] [--budget-s 30] [--seed 20261201] [--keep DIR]}.
 * {@code --keep DIR} leaves the databases in DIR and reuses them on the next run (no load; a new migration is
 * then applied to the loaded data on open, the way a hub upgrade would).
 */
public final class CaseQueryBench {
    private static final Instant NOW = CaseHistory.NOW;
    private static final double TARGET_MS = 50;

    /** {@code keep}: a folder where the databases stay after the run and are reused by the next (null: temp, deleted). */
    private record Options(int cases, List<String> databases, int runs, int warmup, int budgetS, long seed, Path keep) { }

    private record Query(String what, String who, LongSupplier run) { }

    private record Measured(Query q, Latencies lat, long matched) { }

    private CaseQueryBench() { }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o = parse(args);
        long t0 = System.nanoTime();
        BenchGrid g = BenchGrid.build();
        List<BenchCase> cases = CaseMix.generate(g, o.cases, o.seed, NOW.toEpochMilli());
        System.out.printf(Locale.ROOT, "Case list and KPIs: %,d cases (seed %d) opened over the year before %s in a district "
                + "of %d streets × %d communities (%,d grid nodes), generated in %.1f s. Stages: %s.%n", cases.size(),
                o.seed, NOW, BenchGrid.STREETS, BenchGrid.COMMUNITIES_PER_STREET, g.nodeCount(),
                (System.nanoTime() - t0) / 1e9, stages(cases));
        System.out.printf(Locale.ROOT, "Each query: up to %d measured runs after %d warm-up runs, queries interleaved, at most "
                + "%d s per query; the case list asks for the first page (50 cases, newest first). Target: p99 ≤ %.0f ms.%n",
                o.runs, o.warmup, o.budgetS, TARGET_MS);
        for (String db : o.databases) {
            System.out.println();
            switch (db) {
                case "sqlite" -> sqlite(o, g, cases);
                case "postgres" -> postgres(o, g, cases);
                default -> throw new IllegalArgumentException("unknown database " + db + " (sqlite, postgres)");
            }
            System.out.flush();
        }
    }

    private static void sqlite(Options o, BenchGrid g, List<BenchCase> cases) throws Exception {
        Path dir = o.keep != null ? Files.createDirectories(o.keep) : Files.createTempDirectory("onegrid-bench-cases");
        Path file = dir.resolve("hub.db");
        try {
            String loaded = "reused from " + file;
            if (!Files.exists(file)) loaded = "loaded in " + secs(CaseHistory.createSqlite(file, g, cases));
            // opening migrates: on a reused file that is where a new migration (an index) is built
            long t0 = System.nanoTime();
            try (JdbcHubStore store = JdbcHubStore.openSqlite(file, CaseHistory.clock(), CaseHistory.options())) {
                String open = "store opened (migrations included) in " + secs((System.nanoTime() - t0) / 1e9);
                String size = String.format(Locale.ROOT, "%,.0f MB", Files.size(file) / 1e6);
                report("SQLite " + sqliteVersion(file), "`hub.db` " + size + ", " + loaded + ", " + open
                        + "; no `ANALYZE` (the hub runs none)", measure(o, g, store, cases));
            }
        } finally {
            if (o.keep == null) io.onegrid.bench.hub.HubIngestBench.deleteTree(dir);
        }
    }

    private static String sqliteVersion(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void postgres(Options o, BenchGrid g, List<BenchCase> cases) throws Exception {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
        Path data = o.keep == null ? null : o.keep.resolve("pg");
        boolean reuse = data != null && Files.exists(data.resolve("postgresql.conf"));
        if (data != null) b.setDataDirectory(data).setCleanDataDirectory(false);
        try (EmbeddedPostgres pg = b.start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/bench";
            String loaded = "reused from " + data;
            if (!reuse) {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE bench");
                }
                CaseHistory.prepare(JdbcHubStore.openPostgres(url, "postgres", "postgres", CaseHistory.clock(),
                        CaseHistory.options()), g);
                long t0 = System.nanoTime();
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                    new CaseLoader(c, true).load(g, cases, NOW.toEpochMilli());
                }
                loaded = "loaded (COPY, then `VACUUM ANALYZE`) in " + secs((System.nanoTime() - t0) / 1e9);
            }
            long t0 = System.nanoTime();
            try (JdbcHubStore store = JdbcHubStore.openPostgres(url, "postgres", "postgres", CaseHistory.clock(), CaseHistory.options())) {
                String open = "store opened (migrations included) in " + secs((System.nanoTime() - t0) / 1e9);
                report("PostgreSQL " + pgInfo(url, "current_setting('server_version')"), "database "
                        + pgInfo(url, "pg_size_pretty(pg_database_size(current_database()))") + ", shared_buffers "
                        + pgInfo(url, "current_setting('shared_buffers')") + ", " + loaded + ", " + open,
                        measure(o, g, store, cases));
            }
        }
    }

    private static String pgInfo(String url, String expression) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<Measured> measure(Options o, BenchGrid g, JdbcHubStore store, List<BenchCase> cases) {
        Scope district = new Scope(g.path("xh"));
        Scope street = new Scope(g.path("xh-bs"));
        Scope community = new Scope(g.path("xh-bs-sg"));
        List<Query> qs = new ArrayList<>();
        qs.add(new Query("reference: `ping()` (SELECT 1)", "", () -> store.ping() ? 1 : 0));
        Map<String, Scope> who = new java.util.LinkedHashMap<>();
        who.put("admin: whole grid", Scope.ALL);
        who.put("district operator `xh`", district);
        who.put("street operator `xh-bs`", street);
        who.put("community operator `xh-bs-sg`", community);
        for (CaseStage stage : new CaseStage[] {null, CaseStage.OPEN}) {
            who.forEach((label, scope) -> {
                CaseQuery query = new CaseQuery(scope, stage, null, null, null, null, 50, 0);
                checkPage(store.cases(query), scope, stage, cases);
                qs.add(new Query("case list" + (stage == null ? "" : ", stage=OPEN"), label, () -> store.cases(query).total()));
            });
        }
        Map<String, Scope> nodes = new java.util.LinkedHashMap<>();
        nodes.put("district `xh`", district);
        nodes.put("street `xh-bs`", street);
        nodes.put("community `xh-bs-sg`", community);
        for (int days : new int[] {30, 365}) {
            Instant from = NOW.minus(Duration.ofDays(days));
            nodes.forEach((label, scope) -> {
                long expected = cases.stream().filter(k -> scope.contains(k.scopePath())
                        && k.openedAt() >= from.toEpochMilli() && k.openedAt() < NOW.toEpochMilli()).count();
                long filed = store.kpis(scope, from, NOW, NOW).filed();
                if (filed != expected) throw new IllegalStateException("KPIs of " + scope + " counted " + filed + " cases, not " + expected);
                qs.add(new Query("KPIs, " + days + " days", label, () -> store.kpis(scope, from, NOW, NOW).filed()));
            });
        }
        List<Measured> out = new ArrayList<>();
        for (Query q : qs) out.add(new Measured(q, new Latencies(), q.run.getAsLong()));
        rounds(out, o.warmup, 5, false);
        rounds(out, o.runs, o.budgetS, true);
        return out;
    }

    /** Round-robin until every query has {@code runs} runs or has spent {@code budgetS} (at least 10 runs when measuring). */
    private static void rounds(List<Measured> ms, int runs, int budgetS, boolean record) {
        long[] spent = new long[ms.size()];
        int[] done = new int[ms.size()];
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < ms.size(); i++) {
                boolean overBudget = spent[i] > budgetS * 1_000_000_000L && done[i] >= (record ? 10 : 1);
                if (done[i] >= runs || overBudget) continue;
                any = true;
                long t = System.nanoTime();
                ms.get(i).q.run.getAsLong();
                long d = System.nanoTime() - t;
                spent[i] += d;
                done[i]++;
                if (record) ms.get(i).lat.add(d);
            }
        }
    }

    private static void report(String db, String about, List<Measured> ms) {
        System.out.println("### " + db);
        System.out.println();
        System.out.println(about + ".");
        System.out.println();
        System.out.println("| query | as | cases matched | runs | p50 | p99 | max | p99 ≤ 50 ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
        for (Measured m : ms) {
            boolean ref = m.q.who.isEmpty();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %s | %s |%n", m.q.what, m.q.who,
                    ref ? "" : String.format(Locale.ROOT, "%,d", m.matched), m.lat.count(), m.lat.cells(),
                    ref ? "" : m.lat.percentileMs(0.99) <= TARGET_MS ? "yes" : "**no**");
        }
    }

    /** The store's first page must be the 50 newest matching cases and its total their number, whatever plan ran. */
    private static void checkPage(CasePage page, Scope scope, CaseStage stage, List<BenchCase> cases) {
        List<BenchCase> match = cases.stream().filter(k -> scope.contains(k.scopePath())
                && (stage == null || k.stage().equals(stage.name()))).toList();
        List<Long> newest = match.stream().sorted(Comparator.comparingLong(BenchCase::openedAt)
                .thenComparingLong(BenchCase::id).reversed()).limit(50).map(BenchCase::id).toList();
        List<Long> got = page.items().stream().map(CaseSummary::id).toList();
        if (page.total() != match.size() || !got.equals(newest)) {
            throw new IllegalStateException("case list of " + scope + " stage " + stage + ": total " + page.total() + " (expected "
                    + match.size() + "), ids " + got + " (expected " + newest + ")");
        }
    }

    private static String stages(List<BenchCase> cases) {
        Map<String, Long> n = cases.stream().collect(Collectors.groupingBy(BenchCase::stage, TreeMap::new, Collectors.counting()));
        return n.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    private static Options parse(String[] args) {
        int cases = 1_000_000;
        List<String> dbs = List.of("sqlite", "postgres");
        int runs = 200;
        int warmup = 20;
        int budgetS = 30;
        long seed = CaseHistory.DEFAULT_SEED;
        Path keep = null;
        if (args.length % 2 != 0) throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(v);
                case "--databases" -> dbs = Arrays.stream(v.split(",")).map(String::trim).toList();
                case "--runs" -> runs = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--budget-s" -> budgetS = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--keep" -> keep = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --cases --databases --runs --warmup --budget-s --seed --keep)");
            }
        }
        return new Options(cases, dbs, runs, warmup, budgetS, seed, keep);
    }
}
