package io.onegrid.sim.cli;

import io.onegrid.sim.scenario.BusSpec;
import io.onegrid.sim.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of {@code --modbus-rtu} / {@code --modbus-rtutcp}: "WHERE" when the scenario has one bus, or
 * "BUS=WHERE[,BUS=WHERE...]" naming each bus.
 */
final class BusAssignments {
    private BusAssignments() { }

    static Map<String, String> parse(String option, String value, Scenario scenario) {
        List<String> names = scenario.buses().stream().map(BusSpec::name).toList();
        if (names.isEmpty()) {
            throw new UsageException("--" + option + ": scenario " + scenario.name() + " declares no 'buses:'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (!value.contains("=")) {
            if (names.size() != 1) {
                throw new UsageException("--" + option + " " + value + ": the scenario has " + names.size()
                        + " buses " + names + "; name each, e.g. --" + option + " " + names.get(0) + "=" + value);
            }
            out.put(names.get(0), value);
            return out;
        }
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String bus = eq < 0 ? "" : part.substring(0, eq).trim();
            String where = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (!names.contains(bus) || where.isEmpty()) {
                throw new UsageException("--" + option + ": '" + part + "' must be BUS=" + (option.endsWith("tcp")
                        ? "PORT" : "DEVICE") + " with BUS one of " + names);
            }
            if (out.put(bus, where) != null) {
                throw new UsageException("--" + option + ": bus " + bus + " is given twice");
            }
        }
        return out;
    }

    static int port(String option, String bus, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + ": port of bus " + bus + " must be 0..65535 (0 = any free port), not '"
                + text + "'");
    }
}
