package io.onegrid.driver.modbus;

import io.onegrid.profile.ModbusPoint;
import java.util.List;

/** One read request: a contiguous run of one table and the points decoded from it. */
public record ReadBlock(ModbusPoint.Table table, int start, int count, List<PlannedPoint> points) {
    public ReadBlock {
        points = List.copyOf(points);
    }

    /** Whether the block also reads addresses no point asked for (merged across a gap). */
    public boolean hasGaps() {
        int covered = start;
        for (PlannedPoint p : points) { // sorted by address
            if (p.address() > covered) return true;
            covered = Math.max(covered, p.end());
        }
        return covered < start + count;
    }
}
