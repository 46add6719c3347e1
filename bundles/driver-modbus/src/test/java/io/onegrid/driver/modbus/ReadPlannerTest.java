package io.onegrid.driver.modbus;

import static io.onegrid.driver.modbus.Points.bit;
import static io.onegrid.driver.modbus.Points.reg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {
    private final ReadPlanner planner = new ReadPlanner();

    /** A register map of 20 values in 3 far-apart blocks costs exactly 3 requests, whatever the profile order. */
    @Test
    void twentyValuesInThreeBlocksCostThreeRequests() {
        List<PlannedPoint> points = new ArrayList<>();
        for (int i = 0; i < 8; i++) points.add(reg("a" + i, Table.HOLDING_REGISTER, i, DataType.UINT16));
        for (int i = 0; i < 6; i++) points.add(reg("b" + i, Table.HOLDING_REGISTER, 100 + 2 * i, DataType.FLOAT32));
        for (int i = 0; i < 6; i++) points.add(reg("c" + i, Table.INPUT_REGISTER, 10 + i, DataType.INT16));
        Collections.shuffle(points, new Random(7));

        List<ReadBlock> blocks = planner.plan(points);

        assertThat(blocks).extracting(ReadBlock::table, ReadBlock::start, ReadBlock::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Table.INPUT_REGISTER, 10, 6),
                org.assertj.core.groups.Tuple.tuple(Table.HOLDING_REGISTER, 0, 8),
                org.assertj.core.groups.Tuple.tuple(Table.HOLDING_REGISTER, 100, 12));
        assertThat(blocks).flatExtracting(ReadBlock::points).hasSize(20);
        assertThat(blocks).noneMatch(ReadBlock::hasGaps);
    }

    /** A gap of up to 8 registers is read across; a gap of 9 starts a new request. */
    @Test
    void mergesSmallGapsOnly() {
        List<ReadBlock> merged = planner.plan(List.of(
                reg("a", Table.HOLDING_REGISTER, 0, DataType.UINT16),
                reg("b", Table.HOLDING_REGISTER, 9, DataType.UINT16)));
        assertThat(merged).singleElement().satisfies(b -> {
            assertThat(b.start()).isZero();
            assertThat(b.count()).isEqualTo(10);
            assertThat(b.hasGaps()).isTrue();
        });

        List<ReadBlock> split = planner.plan(List.of(
                reg("a", Table.HOLDING_REGISTER, 0, DataType.UINT16),
                reg("b", Table.HOLDING_REGISTER, 10, DataType.UINT16)));
        assertThat(split).hasSize(2);
    }

    /** The gapless planner never reads an address no point asked for. */
    @Test
    void gaplessPlannerKeepsRunsApart() {
        List<ReadBlock> blocks = ReadPlanner.gapless().plan(List.of(
                reg("a", Table.HOLDING_REGISTER, 0, DataType.FLOAT32),
                reg("b", Table.HOLDING_REGISTER, 2, DataType.UINT16),
                reg("c", Table.HOLDING_REGISTER, 4, DataType.UINT16)));
        assertThat(blocks).extracting(ReadBlock::start, ReadBlock::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 3), org.assertj.core.groups.Tuple.tuple(4, 1));
    }

    /** A long run of registers is cut at 125 registers per request, never splitting a value. */
    @Test
    void capsRegisterRequestsAt125() {
        List<PlannedPoint> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) points.add(reg("f" + i, Table.INPUT_REGISTER, 2 * i, DataType.FLOAT32));

        List<ReadBlock> blocks = planner.plan(points);

        assertThat(blocks).extracting(ReadBlock::start, ReadBlock::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 124), org.assertj.core.groups.Tuple.tuple(124, 76));
        assertThat(blocks).allMatch(b -> b.count() <= ReadPlanner.MAX_REGISTERS);
    }

    /** Coils are planned in bits: 2500 contiguous coils cost two requests of at most 2000 bits. */
    @Test
    void capsBitRequestsAt2000() {
        List<PlannedPoint> points = new ArrayList<>();
        for (int i = 0; i < 2500; i++) points.add(bit("c" + i, Table.COIL, i));

        List<ReadBlock> blocks = planner.plan(points);

        assertThat(blocks).extracting(ReadBlock::start, ReadBlock::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2000), org.assertj.core.groups.Tuple.tuple(2000, 500));
    }

    /** Bit tables merge gaps of up to 128 bits, and coils never merge with discrete inputs. */
    @Test
    void bitTablesUseTheirOwnGapAndStayApart() {
        List<ReadBlock> blocks = planner.plan(List.of(
                bit("c0", Table.COIL, 0), bit("c1", Table.COIL, 129), bit("c2", Table.COIL, 300),
                bit("d0", Table.DISCRETE_INPUT, 0)));
        assertThat(blocks).extracting(ReadBlock::table, ReadBlock::start, ReadBlock::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Table.COIL, 0, 130),
                org.assertj.core.groups.Tuple.tuple(Table.COIL, 300, 1),
                org.assertj.core.groups.Tuple.tuple(Table.DISCRETE_INPUT, 0, 1));
    }

    /** Two channels over the same registers (a status word and its BOOL view) share one read. */
    @Test
    void overlappingPointsShareRegisters() {
        List<ReadBlock> blocks = planner.plan(List.of(
                reg("word", Table.HOLDING_REGISTER, 5, DataType.UINT32),
                reg("flag", Table.HOLDING_REGISTER, 6, DataType.BOOL)));
        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(5);
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.hasGaps()).isFalse();
        });
    }

    /** Splitting a merged block at its gaps yields gap-free blocks with the same points. */
    @Test
    void splitsAtGaps() {
        ReadBlock merged = planner.plan(List.of(
                reg("a", Table.HOLDING_REGISTER, 0, DataType.UINT16),
                reg("b", Table.HOLDING_REGISTER, 5, DataType.FLOAT64))).get(0);
        List<ReadBlock> parts = planner.splitAtGaps(merged);
        assertThat(parts).extracting(ReadBlock::start, ReadBlock::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(5, 4));
        assertThat(parts).noneMatch(ReadBlock::hasGaps);
    }

    /** A point beyond address 65535 is a clear planning error, reported by problem(). */
    @Test
    void rejectsPointsOutsideTheAddressSpace() {
        PlannedPoint tooHigh = reg("x", Table.HOLDING_REGISTER, 65535, DataType.FLOAT32);
        assertThat(ReadPlanner.problem(tooHigh)).contains("channel x").contains("0..65535");
        assertThatThrownBy(() -> planner.plan(List.of(tooHigh))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReadPlanner.problem(reg("ok", Table.HOLDING_REGISTER, 65532, DataType.FLOAT64))).isNull();
    }

    /** An empty device plans no request. */
    @Test
    void emptyPlan() {
        assertThat(planner.plan(List.of())).isEmpty();
    }

    /** A bus with maxRegisters 10 reads 25 contiguous registers in the 3 requests that limit needs, no more. */
    @Test
    void smallSlaveBuffersSplitRunsOptimally() {
        List<PlannedPoint> points = new ArrayList<>();
        for (int i = 0; i < 25; i++) points.add(reg("r" + i, Table.HOLDING_REGISTER, i, DataType.UINT16));

        List<ReadBlock> blocks = new ReadPlanner(10, 8, 128).plan(points);

        assertThat(blocks).extracting(ReadBlock::start, ReadBlock::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 10), org.assertj.core.groups.Tuple.tuple(10, 10),
                org.assertj.core.groups.Tuple.tuple(20, 5));
        assertThatThrownBy(() -> new ReadPlanner(0, 8, 128)).hasMessageContaining("1..125");
    }
}
