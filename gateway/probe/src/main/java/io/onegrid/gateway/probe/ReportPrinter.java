package io.onegrid.gateway.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a probe round for people (an aligned table) or for machines (one JSON object per line). */
final class ReportPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportPrinter() { }

    static void text(ProbeReport report, PrintWriter out) {
        out.println(report.profile() + " (" + report.profileName() + ") at " + report.uri());
        int width = Math.max("CHANNEL".length(), report.channels().stream().mapToInt(c -> c.channel().length()).max().orElse(0));
        int valueWidth = Math.max("VALUE".length(), report.channels().stream().mapToInt(c -> value(c).length()).max().orElse(0));
        int unitWidth = Math.max("UNIT".length(), report.channels().stream().mapToInt(c -> c.unit() == null ? 0 : c.unit().length()).max().orElse(0));
        String format = "  %-" + width + "s  %-" + valueWidth + "s  %-" + unitWidth + "s  %s%n";
        out.printf(format, "CHANNEL", "VALUE", "UNIT", "STATUS");
        for (ChannelResult c : report.channels()) {
            out.printf(format, c.channel(), value(c), c.unit() == null ? "" : c.unit(), c.ok() ? "ok" : c.problem());
        }
        out.printf(Locale.ROOT, "%d of %d channels read in %d ms%n", report.read(), report.channels().size(), report.elapsedMs());
        out.flush();
    }

    static void json(ProbeReport report, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("uri", report.uri());
        root.put("profile", report.profile());
        root.put("ok", report.ok());
        root.put("elapsedMs", report.elapsedMs());
        ArrayNode channels = root.putArray("channels");
        for (ChannelResult c : report.channels()) {
            ObjectNode n = channels.addObject();
            n.put("channel", c.channel());
            if (c.value() instanceof Double d) n.put("value", d);
            else if (c.value() instanceof Boolean b) n.put("value", b);
            else if (c.value() != null) n.put("value", String.valueOf(c.value()));
            else n.putNull("value");
            if (c.unit() != null) n.put("unit", c.unit());
            n.put("quality", c.quality());
            if (c.problem() != null) n.put("problem", c.problem());
        }
        out.println(root.toString());
        out.flush();
    }

    private static String value(ChannelResult c) {
        if (c.value() == null) return "-";
        if (c.value() instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf(d.longValue());
            return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.valueOf(c.value());
    }
}
