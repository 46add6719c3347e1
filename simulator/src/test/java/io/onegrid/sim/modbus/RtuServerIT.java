package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.device.Behaviour;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.testing.SocatPair;
import io.onegrid.testing.ThirdPartyPeers;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTU server: Debian's mbpoll (libmodbus) reads it through a socat pty pair; raw RTU frames over TCP show
 * the line timing of the bus's baud rate and every misbehaviour on cue.
 */
class RtuServerIT {
    private static final String SCENARIO = "name: rtu\nbuses:\n  - {name: riser-a, baud: 9600}\ndevices:\n"
            + "  - {id: h3, profile: hydrant-pressure-modbus, modbus: {unit: 3, bus: riser-a},"
            + " initial: {pressure: 0.35, status: 7}}\n"
            + "  - {id: h4, profile: hydrant-pressure-modbus, modbus: {unit: 4, bus: riser-a},"
            + " initial: {pressure: 0.5}}\n";

    private final Simulation sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("r.yaml", SCENARIO));
    private SocatPair socat;

    @AfterEach
    void stop() {
        sim.close();
        if (socat != null) {
            socat.close();
        }
    }

    /** mbpoll on one end of a socat pty pair reads two unit ids of the bus served on the other end. */
    @Test
    void mbpollReadsTwoUnitsThroughAPtyPair(@TempDir Path dir) throws Exception {
        String mbpoll = ThirdPartyPeers.require("mbpoll", "mbpoll").toString();
        // GIVEN a pty pair and the bus served on its first end
        socat = new SocatPair(dir);
        Path simEnd = socat.a;
        Path masterEnd = socat.b;
        sim.startModbusRtu("riser-a", simEnd);
        // WHEN mbpoll reads the float of unit 3 and the status register of unit 4's neighbour, unit 3, over RTU
        String pressure3 = mbpoll(mbpoll, masterEnd, "3", "-t", "4:float", "-r", "1", "-c", "1", "-B");
        String pressure4 = mbpoll(mbpoll, masterEnd, "4", "-t", "4:float", "-r", "1", "-c", "1", "-B");
        String status3 = mbpoll(mbpoll, masterEnd, "3", "-t", "3", "-r", "11", "-c", "1");
        // THEN each unit answers with its own values
        assertThat(pressure3).containsPattern("\\[1\\]:\\s+0\\.35");
        assertThat(pressure4).containsPattern("\\[1\\]:\\s+0\\.5");
        assertThat(status3).containsPattern("\\[11\\]:\\s+7");
    }

    /** Back-to-back reads take at least the line time of 9600 baud: request, reply and two 3.5-character silences. */
    @Test
    void holdsEachReplyForTheLineTimeOfTheBaudRate() throws Exception {
        // GIVEN the bus served as RTU over TCP
        int port = sim.startModbusRtuTcp("riser-a", "127.0.0.1", 0).port();
        RtuLineTiming timing = RtuLineTiming.of(9600, 10);
        try (Socket s = connect(port)) {
            exchange(s, readHolding(3, 0, 2)); // warm-up
            // WHEN 20 reads of two registers go out back to back
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(exchange(s, readHolding(3, 0, 2))).hasSize(9);
            }
            long elapsed = System.nanoTime() - start;
            // THEN they take the physical time (8-byte request, 9-byte reply, 25 ms each), not loopback time
            long physical = 20 * timing.transaction(8, 9);
            assertThat(elapsed).isBetween(physical - 2 * timing.silenceNanos(), physical * 3);
        }
    }

    /** Each behaviour shows on the wire: silence, exception code, corrupt CRC, wrong function code, late answer, recovery. */
    @Test
    void misbehavesOnCueAndRecovers() throws Exception {
        int port = sim.startModbusRtuTcp("riser-a", "127.0.0.1", 0).port();
        try (Socket s = connect(port)) {
            // GIVEN unit 3 silent: THEN no answer, and unit 4 on the same line still answers
            sim.device("h3").behave(Behaviour.of(Behaviour.Mode.SILENT));
            assertThat(exchange(s, readHolding(3, 0, 2))).isEmpty();
            assertThat(exchange(s, readHolding(4, 0, 2))).hasSize(9);
            // GIVEN exception 4: THEN 03|0x80 with code 4 and a valid CRC
            sim.device("h3").behave(Behaviour.exception(4));
            byte[] ex = exchange(s, readHolding(3, 0, 2));
            assertThat(Arrays.copyOf(ex, 3)).containsExactly(3, 0x83, 4);
            assertThat(RtuFrameReader.crcOk(ex, ex.length)).isTrue();
            // GIVEN corrupt-crc: THEN a reply of the right length whose CRC does not match
            sim.device("h3").behave(Behaviour.of(Behaviour.Mode.CORRUPT_CRC));
            byte[] bad = exchange(s, readHolding(3, 0, 2));
            assertThat(bad).hasSize(9);
            assertThat(RtuFrameReader.crcOk(bad, bad.length)).isFalse();
            // GIVEN garbage: THEN a valid frame with a function code that was not asked for
            sim.device("h3").behave(Behaviour.of(Behaviour.Mode.GARBAGE));
            assertThat(exchange(s, readHolding(3, 0, 2))[1]).isEqualTo((byte) 0x43);
            // GIVEN a 300 ms delay: THEN the answer comes, late
            sim.device("h3").behave(Behaviour.delay(Duration.ofMillis(300)));
            long t0 = System.nanoTime();
            assertThat(exchange(s, readHolding(3, 0, 2))).hasSize(9);
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            // GIVEN normal again, a request with a bad CRC and one to an absent unit: THEN silence, then answers
            sim.device("h3").behave(Behaviour.NORMAL);
            byte[] corrupted = readHolding(3, 0, 2);
            corrupted[7] ^= 1;
            assertThat(exchange(s, corrupted)).isEmpty();
            assertThat(exchange(s, readHolding(9, 0, 2))).isEmpty();
            byte[] ok = exchange(s, readHolding(3, 0, 2));
            assertThat(RtuFrameReader.crcOk(ok, ok.length)).isTrue();
            // AND an unmapped address is exception 2 (illegal data address)
            assertThat(Arrays.copyOf(exchange(s, readHolding(3, 100, 1)), 3)).containsExactly(3, 0x83, 2);
        }
    }

    private static String mbpoll(String mbpoll, Path tty, String unit, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(mbpoll, "-m", "rtu", "-b", "9600", "-P", "none", "-a",
                unit, "-1", "-o", "2"));
        cmd.addAll(List.of(args));
        cmd.add(tty.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        s.setSoTimeout(400);
        return s;
    }

    /** Sends one frame and collects the reply until 400 ms of silence; empty when none came. */
    private static byte[] exchange(Socket s, byte[] request) throws Exception {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(request);
        out.flush();
        byte[] buf = new byte[256];
        int n = 0;
        try {
            int r;
            while ((r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
                if (n >= 5 && complete(buf, n)) {
                    break;
                }
            }
        } catch (SocketTimeoutException silence) {
            // the reply (if any) is over
        }
        return Arrays.copyOf(buf, n);
    }

    private static boolean complete(byte[] buf, int n) {
        int fc = buf[1] & 0xFF;
        int expected = (fc & 0x80) != 0 ? 5 : fc == 0x03 || fc == 0x04 || fc == 0x43 ? 5 + (buf[2] & 0xFF) : 8;
        return n >= expected;
    }

    private static byte[] readHolding(int unit, int address, int count) {
        return RtuFrameReader.withCrc(new byte[] {(byte) unit, 3, (byte) (address >> 8), (byte) address,
                (byte) (count >> 8), (byte) count});
    }
}
