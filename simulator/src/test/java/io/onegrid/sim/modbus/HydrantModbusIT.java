package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.sim.timeline.SteppedScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interop proof: j2mod (the gateway's Modbus implementation, a different code base from the
 * simulator's digitalpetri server) reads the simulated devices over real TCP.
 */
class HydrantModbusIT {
    private static final String SCENARIO = String.join("\n",
            "name: modbus-it",
            "devices:",
            "  - {id: hydrant, profile: hydrant-pressure-modbus, modbus: {unit: 1}, initial: {pressure: 0.35, status: 0}}",
            "  - {id: climate, profile: temperature-humidity-modbus, modbus: {unit: 2},"
                    + " initial: {humidity: 55.5, temperature: -3.2}}",
            "timeline:",
            "  - {at: 30s, device: hydrant, set: {pressure: 0.05, status: 3}}",
            "");

    private Simulation sim;
    private SteppedScheduler clock;
    private ModbusTCPMaster master;

    @BeforeEach
    void start() throws Exception {
        sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("modbus-it.yaml", SCENARIO));
        int port = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
        clock = new SteppedScheduler();
        sim.startTimeline(clock, line -> { });
        master = new ModbusTCPMaster("127.0.0.1", port, 2000, false);
        master.connect();
    }

    @AfterEach
    void stop() {
        if (master != null) {
            master.disconnect();
        }
        sim.close();
    }

    /** j2mod reads FLOAT32 pressure (holding 0..1, high word first) equal to the scenario value, before and after a step. */
    @Test
    void masterReadsPressureAsTheScenarioSetIt() throws Exception {
        // WHEN the master reads holding registers 0..1 of unit 1
        // THEN they decode to the scenario's 0.35 MPa
        assertThat(floatOf(master.readMultipleRegisters(1, 0, 2))).isEqualTo(0.35f);
        assertThat(master.readInputRegisters(1, 10, 1)[0].getValue()).isZero();
        // WHEN the timeline passes t+30s
        clock.advanceTo(Duration.ofSeconds(30));
        // THEN the next read sees the fallen pressure and the status word
        assertThat(floatOf(master.readMultipleRegisters(1, 0, 2))).isEqualTo(0.05f);
        assertThat(master.readInputRegisters(1, 10, 1)[0].getValue()).isEqualTo(3);
    }

    /** One server serves several devices by unit id, each with its own register map and scaling. */
    @Test
    void servesSeveralUnits() throws Exception {
        Register[] regs = master.readMultipleRegisters(2, 0, 2);
        assertThat(regs[0].getValue()).isEqualTo(555);           // 55.5 %RH at scale 0.1
        assertThat(regs[1].toShort()).isEqualTo((short) -32);    // -3.2 °C at scale 0.1, INT16
    }

    /** An unmapped register, a read-only write and an unknown unit id get Modbus exception responses. */
    @Test
    void answersBadRequestsWithExceptionCodes() {
        // WHEN the master reads holding register 5 (not in the hydrant's map)
        ModbusSlaveException unmapped = catchThrowableOfType(ModbusSlaveException.class,
                () -> master.readMultipleRegisters(1, 5, 1));
        // THEN the answer is exception 02, illegal data address
        assertThat(unmapped).isNotNull();
        assertThat(unmapped.getType()).isEqualTo(2);
        // WHEN it writes the read-only pressure register THEN also 02
        ModbusSlaveException readOnly = catchThrowableOfType(ModbusSlaveException.class,
                () -> master.writeSingleRegister(1, 0, new SimpleRegister(1)));
        assertThat(readOnly.getType()).isEqualTo(2);
        // WHEN it addresses unit 9, which the scenario does not have THEN exception 0B (target failed to respond)
        ModbusSlaveException unknownUnit = catchThrowableOfType(ModbusSlaveException.class,
                () -> master.readMultipleRegisters(9, 0, 2));
        assertThat(unknownUnit.getType()).isEqualTo(0x0B);
    }

    private static float floatOf(InputRegister[] regs) {
        int bits = (regs[0].getValue() << 16) | regs[1].getValue();
        return Float.intBitsToFloat(bits);
    }
}
