package io.onegrid.bench.modbus;

import io.onegrid.driver.modbus.PlannedPoint;
import io.onegrid.driver.modbus.ReadBlock;
import io.onegrid.driver.modbus.ReadPlanner;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint;
import io.onegrid.profile.ProfileCatalogs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Read requests per poll for every Modbus profile of the shipped catalog: the driver's {@link ReadPlanner}
 * against the reference of one request per channel. A count, not a timing; the wire time is an estimate for
 * Modbus RTU at 9600 baud 8N1 (request and response bytes plus two 3.5-character gaps per request, no slave
 * turnaround, which would only add to every extra request).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.onegrid.bench.modbus.ReadPlanCount}
 */
public final class ReadPlanCount {
    private static final double CHAR_MS_9600 = 10 * 1000.0 / 9600; // start + 8 data + stop bits
    private static final int REQUEST_BYTES = 8;                      // unit, fc, address, count, CRC
    private static final int RESPONSE_OVERHEAD = 5;                  // unit, fc, byte count, CRC

    private ReadPlanCount() { }

    public static void main(String[] args) {
        List<DeviceProfile> profiles = new ArrayList<>(ProfileCatalogs.builtin().all());
        profiles.removeIf(p -> !p.modbus());
        profiles.sort(Comparator.comparing(DeviceProfile::id));
        ReadPlanner planner = new ReadPlanner();
        System.out.println("Modbus read planning: requests per poll, catalog profiles (ReadPlanner defaults: gap "
                + ReadPlanner.DEFAULT_GAP_REGISTERS + " registers / " + ReadPlanner.DEFAULT_GAP_BITS + " bits)");
        System.out.println();
        System.out.println("| profile | readable channels | requests, one per channel (reference) | requests, planner | ratio planner/reference | est. RTU 9600 wire time per poll, reference → planner |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        int totalRef = 0;
        int totalPlan = 0;
        double totalRefMs = 0;
        double totalPlanMs = 0;
        for (DeviceProfile p : profiles) {
            List<PlannedPoint> points = readablePoints(p);
            List<ReadBlock> perChannel = new ArrayList<>();
            for (PlannedPoint pt : points) {
                perChannel.add(new ReadBlock(pt.table(), pt.address(), pt.count(), List.of(pt)));
            }
            List<ReadBlock> planned = planner.plan(points);
            double refMs = wireMs(perChannel);
            double planMs = wireMs(planned);
            totalRef += perChannel.size();
            totalPlan += planned.size();
            totalRefMs += refMs;
            totalPlanMs += planMs;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.1f ms → %.1f ms |%n", p.id(), points.size(),
                    perChannel.size(), planned.size(), ratio(planned.size(), perChannel.size()), refMs, planMs);
        }
        System.out.printf(Locale.ROOT, "| **all %d profiles** | | **%d** | **%d** | **%.2f** | **%.1f ms → %.1f ms** |%n",
                profiles.size(), totalRef, totalPlan, ratio(totalPlan, totalRef), totalRefMs, totalPlanMs);
    }

    /** The channels the driver reads, as it places them (same rules as the driver's own DevicePoints). */
    static List<PlannedPoint> readablePoints(DeviceProfile profile) {
        List<PlannedPoint> out = new ArrayList<>();
        for (ChannelSpec c : profile.channels()) {
            ModbusPoint m = c.modbus();
            if (m == null || m.table() == null || c.type() == null) continue;
            if (c.access() != null && !c.access().readable()) continue;
            PlannedPoint pt = new PlannedPoint(c.id(), c.unit(), c.type(), m.table(), m.address(), m.count(c.type()),
                    m.wordOrder(), m.scale(), m.offset());
            if (ReadPlanner.problem(pt) == null) out.add(pt);
        }
        return out;
    }

    static double wireMs(List<ReadBlock> blocks) {
        double ms = 0;
        for (ReadBlock b : blocks) {
            int data = b.table().bitTable() ? (b.count() + 7) / 8 : 2 * b.count();
            int chars = REQUEST_BYTES + RESPONSE_OVERHEAD + data + 7; // + two 3.5-character silent intervals
            ms += chars * CHAR_MS_9600;
        }
        return ms;
    }

    private static double ratio(int ours, int reference) {
        return reference == 0 ? Double.NaN : (double) ours / reference;
    }
}
