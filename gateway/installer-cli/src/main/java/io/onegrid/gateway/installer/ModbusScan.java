package io.onegrid.gateway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.gateway.probe.ProbeCli;
import io.onegrid.profile.DeviceProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Asks one Modbus unit id after another whether it is there, and which catalog profiles fit the units that are,
 * all through the probe (the gateway's own RTU/TCP drivers). Presence is one read of holding register 0 with a
 * short timeout: a value or any exception response means a device answered; silence, or a TCP gateway's
 * "path unavailable"/"target failed to respond" (exceptions 10 and 11), means none. A bus that cannot be reached
 * at all (no serial port, connection refused) stops the scan: every unit id would say the same. A profile fits
 * when every one of its channels reads GOOD.
 */
final class ModbusScan {
    /** The one-register profile the presence read uses, written to a folder the probe reads profiles from. */
    static final String PRESENCE_PROFILE = "onegrid-scan-presence";
    private static final Pattern NO_DEVICE = Pattern.compile("^TIMEOUT:|exception 1[01] \\(");
    private static final Pattern NO_BUS = Pattern.compile("^(NO_ROUTE|BAD_ADDRESS|UNSUPPORTED):|^driver error:");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one unit id said: whether it answered, how, and the profiles that fit it. */
    record Unit(int unitId, boolean answered, String answer, List<String> profiles) { }

    private final String baseUri;
    private final Path profiles;
    private final List<DeviceProfile> candidates;

    /**
     * @param baseUri    a probe URI without {@code unit=} (modbus+tcp://HOST:PORT, modbus+rtu:///dev/X?baud=..)
     * @param workDir    a private folder for the presence profile
     * @param candidates the profiles tried on each unit that answers
     */
    ModbusScan(String baseUri, Duration timeout, List<DeviceProfile> candidates, Path workDir) throws IOException {
        this.baseUri = baseUri;
        this.candidates = List.copyOf(candidates);
        this.profiles = Files.createDirectories(workDir);
        Files.writeString(profiles.resolve(PRESENCE_PROFILE + ".yaml"), """
                id: %s
                name: Scan presence read (one holding register)
                category: other
                manufacturer: generic
                protocol: modbus-rtu
                poll: {interval: 10s, timeout: %dms}
                channels:
                  - id: r0
                    type: uint16
                    modbus: {table: holding, address: 0}
                """.formatted(PRESENCE_PROFILE, Math.max(10, timeout.toMillis())));
    }

    /** The URI of one unit on the scanned bus. */
    String uri(int unitId) {
        return baseUri + (baseUri.contains("?") ? "&" : "?") + "unit=" + unitId;
    }

    /** @throws IOException when the bus itself cannot be reached (the message says why) */
    Unit scan(int unitId) throws IOException {
        StringWriter err = new StringWriter();
        JsonNode report = probe(unitId, PRESENCE_PROFILE, true, err);
        if (report == null) throw new IOException("cannot scan " + baseUri + ": " + err.toString().strip());
        String problem = firstProblem(report);
        if (problem != null && NO_BUS.matcher(problem).find()) throw new IOException("cannot reach " + baseUri + ": " + problem);
        boolean answered = problem == null || !NO_DEVICE.matcher(problem).find();
        if (!answered) return new Unit(unitId, false, problem, List.of());
        List<String> fit = new ArrayList<>();
        for (DeviceProfile p : candidates) {
            JsonNode r = probe(unitId, p.id(), false, new StringWriter());
            if (r != null && r.path("ok").asBoolean(false)) fit.add(p.id());
        }
        return new Unit(unitId, true, problem == null ? "answered" : problem, fit);
    }

    private JsonNode probe(int unitId, String profileId, boolean presence, StringWriter err) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of(uri(unitId), "--profile", profileId, "--json"));
        if (presence) args.addAll(List.of("--profiles", profiles.toString()));
        ProbeCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        try {
            return out.toString().isBlank() ? null : JSON.readTree(out.toString());
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstProblem(JsonNode report) {
        for (JsonNode c : report.path("channels")) {
            if (!"GOOD".equals(c.path("quality").asText())) return c.path("problem").asText("no value");
        }
        return null;
    }
}
