package io.onegrid.driver.modbus;

import io.onegrid.profile.ModbusPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the points of one device into as few read requests as the Modbus limits allow.
 *
 * <p>Rule: per table, points are taken in address order; a point joins the open block when the gap
 * between the block's end and the point's start is at most {@code maxGapRegisters} (register tables) or
 * {@code maxGapBits} (coil/discrete tables) and the grown block stays within {@code maxRegisters} (at most 125)
 * registers or 2000 bits (the protocol's limits for function codes 3/4 and 1/2); otherwise the block is closed and a new one
 * starts. Overlapping points share registers. A gap is worth reading when its bytes cost less than the
 * framing, turnaround and round trip of another request: the defaults (8 registers, 128 bits = 16 bytes)
 * stay well below that on TCP and on RTU at 9600 baud.
 */
public final class ReadPlanner {
    public static final int MAX_REGISTERS = 125;
    public static final int MAX_BITS = 2000;
    public static final int DEFAULT_GAP_REGISTERS = 8;
    public static final int DEFAULT_GAP_BITS = 128;

    private final int maxRegisters;
    private final int maxGapRegisters;
    private final int maxGapBits;

    /**
     * @param maxRegisters the largest register read (1..125), for slaves with small buffers; a single value longer
     *                     than that is still read alone, in one request
     */
    public ReadPlanner(int maxRegisters, int maxGapRegisters, int maxGapBits) {
        if (maxGapRegisters < 0 || maxGapBits < 0) {
            throw new IllegalArgumentException("gaps must not be negative");
        }
        if (maxRegisters < 1 || maxRegisters > MAX_REGISTERS) {
            throw new IllegalArgumentException("a read request covers 1.." + MAX_REGISTERS + " registers, not " + maxRegisters);
        }
        this.maxRegisters = maxRegisters;
        this.maxGapRegisters = Math.min(maxGapRegisters, maxRegisters);
        this.maxGapBits = Math.min(maxGapBits, MAX_BITS);
    }

    public ReadPlanner(int maxGapRegisters, int maxGapBits) {
        this(MAX_REGISTERS, maxGapRegisters, maxGapBits);
    }

    public ReadPlanner() {
        this(DEFAULT_GAP_REGISTERS, DEFAULT_GAP_BITS);
    }

    /** A planner that never reads an address no point asked for. */
    public static ReadPlanner gapless() {
        return new ReadPlanner(0, 0);
    }

    /** The same request size limit, without reading through gaps. */
    public ReadPlanner withoutGaps() {
        return new ReadPlanner(maxRegisters, 0, 0);
    }

    /** Blocks in table order (coils, discrete inputs, input registers, holding registers), then address. */
    public List<ReadBlock> plan(List<PlannedPoint> points) {
        Map<ModbusPoint.Table, List<PlannedPoint>> byTable = new EnumMap<>(ModbusPoint.Table.class);
        for (PlannedPoint p : points) {
            String problem = problem(p);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p);
        }
        List<ReadBlock> blocks = new ArrayList<>();
        byTable.forEach((table, list) -> blocks.addAll(planTable(table, list)));
        return blocks;
    }

    /** Why a point cannot be read at all, or null when it can. */
    public static String problem(PlannedPoint p) {
        int limit = limit(p.table());
        if (p.count() < 1 || p.count() > limit) {
            return "channel " + p.channel() + " spans " + p.count() + " addresses; one request reads 1.." + limit;
        }
        if (p.address() < 0 || p.end() > 65536) {
            return "channel " + p.channel() + " lies outside addresses 0..65535";
        }
        return null;
    }

    /** Splits a block at every gap, for slaves that reject reads of unmapped addresses. */
    public List<ReadBlock> splitAtGaps(ReadBlock block) {
        return withoutGaps().planTable(block.table(), new ArrayList<>(block.points()));
    }

    private List<ReadBlock> planTable(ModbusPoint.Table table, List<PlannedPoint> points) {
        points.sort(Comparator.comparingInt(PlannedPoint::address).thenComparingInt(PlannedPoint::count));
        int limit = table.bitTable() ? MAX_BITS : maxRegisters;
        int maxGap = table.bitTable() ? maxGapBits : maxGapRegisters;
        List<ReadBlock> blocks = new ArrayList<>();
        List<PlannedPoint> current = new ArrayList<>();
        int start = 0;
        int end = 0;
        for (PlannedPoint p : points) {
            if (!current.isEmpty()) {
                int gap = p.address() - end;
                int grownEnd = Math.max(end, p.end());
                if (gap <= maxGap && grownEnd - start <= limit) {
                    current.add(p);
                    end = grownEnd;
                    continue;
                }
                blocks.add(new ReadBlock(table, start, end - start, current));
                current = new ArrayList<>();
            }
            current.add(p);
            start = p.address();
            end = p.end();
        }
        if (!current.isEmpty()) {
            blocks.add(new ReadBlock(table, start, end - start, current));
        }
        return blocks;
    }

    private static int limit(ModbusPoint.Table table) {
        return table.bitTable() ? MAX_BITS : MAX_REGISTERS;
    }
}
