package io.onegrid.driver.modbus;

import static io.onegrid.driver.modbus.ScriptedLine.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.profile.ModbusPoint.Table;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtuLinkTest {
    private static final int TIMEOUT_MS = 60;
    private final ScriptedLine line = new ScriptedLine();
    private final RtuLink link = new RtuLink(BusSettings.serial("riser-a", "/dev/ttyS9", 9600, BusSettings.Parity.NONE)
            .withTiming(TIMEOUT_MS, 0), line);

    /** A read of two holding registers sends function 3 with its CRC and decodes the answer's registers. */
    @Test
    void readsHoldingRegisters() throws DriverException {
        line.reply(frame(3, 3, 4, 0x01, 0x02, 0xFF, 0xFE));

        int[] registers = link.readRegisters(3, Table.HOLDING_REGISTER, 10, 2, TIMEOUT_MS);

        assertThat(registers).containsExactly(0x0102, 0xFFFE);
        assertThat(RtuFrames.hex(line.written.get(0), 8)).isEqualTo(RtuFrames.hex(frame(3, 3, 0, 10, 0, 2), 8));
    }

    /** An answer that arrives in pieces (a USB adapter's latency) is put together within the deadline. */
    @Test
    void assemblesAnAnswerThatArrivesInPieces() throws DriverException {
        byte[] answer = frame(3, 4, 2, 0x00, 0x2A);
        line.replyTo(request -> List.of(new byte[] {answer[0]}, new byte[] {answer[1], answer[2]},
                java.util.Arrays.copyOfRange(answer, 3, answer.length)));

        assertThat(link.readRegisters(3, Table.INPUT_REGISTER, 0, 1, TIMEOUT_MS)).containsExactly(42);
    }

    /** Coils and discrete inputs come back least significant bit first. */
    @Test
    void readsBits() throws DriverException {
        line.reply(frame(3, 1, 2, 0b0000_0101, 0b0000_0001));

        boolean[] bits = link.readBits(3, Table.COIL, 0, 9, TIMEOUT_MS);

        assertThat(bits).containsExactly(true, false, true, false, false, false, false, false, true);
    }

    /** An exception response is reported with its code and name and is not worth sending again. */
    @Test
    void exceptionResponse() {
        line.reply(frame(3, 0x83, 2));

        assertThatThrownBy(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 500, 1, TIMEOUT_MS))
                .isInstanceOfSatisfying(ModbusExceptionResponse.class, e -> {
                    assertThat(e.exceptionCode()).isEqualTo(2);
                    assertThat(e.problem()).isEqualTo("exception 2 (illegal data address)");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("bus riser-a unit 3 read 1 HOLDING_REGISTER from 500");
                });
    }

    /** A damaged answer is a CRC error, a retryable DEVICE_ERROR, not a timeout. */
    @Test
    void crcError() {
        byte[] damaged = frame(3, 3, 2, 0, 42);
        damaged[damaged.length - 1] ^= 0x01;
        line.reply(damaged);

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.DEVICE_ERROR, "CRC error");
    }

    /** An answer from another unit id is skipped; if ours follows within the deadline it is taken. */
    @Test
    void skipsAnAnswerFromAnotherUnit() throws DriverException {
        line.reply(frame(4, 3, 2, 0, 99), frame(3, 3, 2, 0, 42));

        assertThat(link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS)).containsExactly(42);
    }

    /** Only another unit's answer within the deadline: the problem names both unit ids. */
    @Test
    void wrongUnitOnly() {
        line.reply(frame(4, 3, 2, 0, 99));

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.DEVICE_ERROR,
                "reply from unit 4 (asked 3)");
    }

    /** An answer with another function code is not taken for this request's. */
    @Test
    void wrongFunction() {
        line.reply(frame(3, 4, 2, 0, 42));

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.DEVICE_ERROR,
                "reply with function 4 to function 3");
    }

    /** An answer cut short is a short frame saying how much came, after at most the deadline. */
    @Test
    void shortFrame() {
        byte[] whole = frame(3, 3, 4, 0, 1, 0, 2);
        line.reply(java.util.Arrays.copyOf(whole, 5));

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 2, TIMEOUT_MS), Code.DEVICE_ERROR,
                "short frame: 5 of 9 bytes");
    }

    /** An answer whose byte count does not fit the request is refused even with a good CRC. */
    @Test
    void wrongByteCount() {
        line.reply(frame(3, 3, 2, 0, 1));

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 2, TIMEOUT_MS), Code.DEVICE_ERROR,
                "answer carries 2 data bytes, expected 4");
    }

    /** Bytes that cannot start an answer are garbage, reported with what came. */
    @Test
    void garbage() {
        line.reply(new byte[] {0x03, 0x37, 0x55, 0x12});

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.DEVICE_ERROR,
                "garbage on the line (03 37");
    }

    /** Silence is a TIMEOUT after the response timeout, not later. */
    @Test
    void silenceTimesOut() {
        line.silence();
        long started = System.nanoTime();

        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.TIMEOUT,
                "timeout after 60 ms");
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween((long) TIMEOUT_MS - 5, 1_000L);
    }

    /** A late answer to an earlier request waiting on the line is discarded before the next request goes out. */
    @Test
    void discardsStrayBytesBeforeEachRequest() throws DriverException {
        line.stray(frame(3, 3, 2, 0, 7)).reply(frame(3, 3, 2, 0, 42));

        assertThat(link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS)).containsExactly(42);
        assertThat(line.discards).isEqualTo(1);
    }

    /** Consecutive requests are separated by at least 3.5 characters of silence (4 ms at 9600 8N1). */
    @Test
    void keepsTheFrameGap() throws DriverException {
        line.reply(frame(3, 3, 2, 0, 1)).reply(frame(3, 3, 2, 0, 2));

        link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS);
        long answered = System.nanoTime();
        link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS);

        assertThat(line.writtenAtNanos.get(1) - answered).isGreaterThanOrEqualTo(3_646_000L);
    }

    /** A coil write is function 5 with 0xFF00 for on, and the slave's echo is checked. */
    @Test
    void writesACoilAndChecksTheEcho() throws DriverException {
        line.replyTo(request -> List.of(request));
        link.writeCoil(3, 10, true, TIMEOUT_MS);
        assertThat(RtuFrames.hex(line.written.get(0), 6)).isEqualTo("03 05 00 0A FF 00");

        line.reply(frame(3, 5, 0, 10, 0, 0));
        assertFailure(() -> link.writeCoil(3, 10, true, TIMEOUT_MS), Code.DEVICE_ERROR, "echo does not match");
    }

    /** One register is written with function 6, several with function 16 (its answer echoes address and count). */
    @Test
    void writesRegisters() throws DriverException {
        line.replyTo(request -> List.of(request));
        link.writeRegisters(3, 7, new int[] {0x1234}, TIMEOUT_MS);
        assertThat(RtuFrames.hex(line.written.get(0), 6)).isEqualTo("03 06 00 07 12 34");

        line.replyTo(request -> List.of(frame(3, 16, 0, 7, 0, 2)));
        link.writeRegisters(3, 7, new int[] {1, 2}, TIMEOUT_MS);
        assertThat(RtuFrames.hex(line.written.get(1), 11)).isEqualTo("03 10 00 07 00 02 04 00 01 00 02");
    }

    /** A line that broke after it carried traffic is reopened once; one that cannot be opened at all is NO_ROUTE. */
    @Test
    void reopensABrokenLineOnce() throws DriverException {
        line.reply(frame(3, 3, 2, 0, 1));
        link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS);
        line.failNextWrite = new IOException("the serial server closed the connection");
        line.reply(frame(3, 3, 2, 0, 2));

        assertThat(link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS)).containsExactly(2);
        assertThat(line.opens).isEqualTo(2);

        RtuLink nowhere = new RtuLink(BusSettings.overTcp("riser-b", "127.0.0.1", 1), new TcpSerialLine("127.0.0.1", 1, 200));
        assertFailure(() -> nowhere.readRegisters(1, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.NO_ROUTE,
                "cannot connect to the serial server 127.0.0.1:1");
    }

    /** After a timeout, a re-sent identical request may take the slow slave's late answer: it answers the same question. */
    @Test
    void aRetryMayTakeTheLateAnswer() throws DriverException {
        line.replyAfter(TIMEOUT_MS + 20, frame(3, 3, 2, 0, 42));
        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.TIMEOUT, "timeout");

        line.silence();
        assertThat(link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS)).containsExactly(42);
    }

    /** A different request to a unit that just timed out waits out its late answer, which is never read as its own. */
    @Test
    void aLateAnswerIsNeverTakenForAnotherRequest() throws DriverException {
        // the late answer to "1 register from 0" has the same shape as the answer to "1 register from 9"
        line.replyAfter(TIMEOUT_MS + 20, frame(3, 3, 2, 0, 42));
        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.TIMEOUT, "timeout");

        line.reply(frame(3, 3, 2, 0, 9));
        assertThat(link.readRegisters(3, Table.HOLDING_REGISTER, 9, 1, TIMEOUT_MS)).containsExactly(9);
    }

    /** Another unit's request is not held up by a timed-out unit's window: its late answer is skipped by unit id. */
    @Test
    void otherUnitsSkipTheLateAnswer() throws DriverException {
        line.replyAfter(TIMEOUT_MS + 20, frame(3, 3, 2, 0, 42));
        assertFailure(() -> link.readRegisters(3, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS), Code.TIMEOUT, "timeout");
        long started = System.nanoTime();

        line.replyAfter(40, frame(1, 3, 2, 0, 1));
        assertThat(link.readRegisters(1, Table.HOLDING_REGISTER, 0, 1, TIMEOUT_MS)).containsExactly(1);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(TIMEOUT_MS);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertFailure(Call call, Code code, String problem) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(problem);
            if (e instanceof ModbusFailure f && code != Code.NO_ROUTE) {
                assertThat(f.problem()).contains(problem);
                assertThat(f.retryable()).isTrue();
            }
        });
    }
}
