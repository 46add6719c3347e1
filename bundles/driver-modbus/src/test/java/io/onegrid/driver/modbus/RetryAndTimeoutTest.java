package io.onegrid.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.ModbusPoint.Table;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How a device connection spends retries and timeouts on a shared bus (in-memory slave, no I/O). */
class RetryAndTimeoutTest {
    private static final GatewayClock CLOCK = GatewayClock.system(0);
    private static final DeviceRef DEVICE = new DeviceRef("efm-3", "p", "3", "riser-a",
            new Coverage("site-1", null, "riser", null), Map.of());

    private final FakeTransport slave = new FakeTransport();

    private ModbusDeviceConnection connect(int retries) throws DriverException {
        return new ModbusDeviceConnection(DEVICE, 3, ModbusRoute.Endpoint.fixed(new ModbusRoute.Endpoint(slave,
                new ReadPlanner(), 100, retries)), DevicePoints.of(Profiles.hydrant()), CLOCK, () -> { });
    }

    private static Map<String, Reading> byChannel(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, Function.identity()));
    }

    /** A CRC error is sent again once (retries 1), and the second answer makes the channel GOOD. */
    @Test
    void retriesADamagedAnswer() throws DriverException {
        slave.set(Table.INPUT_REGISTER, 10, 3);
        slave.failNext.add(ModbusFailure.badFrame("read", "CRC error (03 04 …)"));
        ModbusDeviceConnection device = connect(1);

        Map<String, Reading> r = byChannel(device.poll());

        assertThat(r.get("status").value()).isEqualTo(3.0);
        assertThat(slave.requests).containsExactly("read INPUT_REGISTER 10+1", "read INPUT_REGISTER 10+1",
                "read HOLDING_REGISTER 0+2");
    }

    /** Damage on every attempt reads BAD with the problem; the other block is still read and the poll succeeds. */
    @Test
    void damageAfterRetriesReadsBad() throws DriverException {
        slave.failNext.add(ModbusFailure.badFrame("read", "CRC error (03 04 …)"));
        slave.failNext.add(ModbusFailure.badFrame("read", "CRC error (03 04 …)"));
        ModbusDeviceConnection device = connect(1);

        Map<String, Reading> r = byChannel(device.poll());

        assertThat(r.get("status").quality()).isEqualTo(Quality.BAD);
        assertThat(r.get("status").problem()).startsWith("CRC error");
        assertThat(r.get("pressure").quality()).isEqualTo(Quality.GOOD);
    }

    /** A device that has not answered gets one request per poll: TIMEOUT, no retry, the second block untried. */
    @Test
    void deadDeviceCostsOneTimeoutPerPoll() throws DriverException {
        slave.failure = ModbusFailure.timeout("read", 100);
        ModbusDeviceConnection device = connect(2);

        for (int poll = 1; poll <= 3; poll++) {
            assertThatThrownBy(device::poll).isInstanceOfSatisfying(DriverException.class,
                    e -> assertThat(e.code()).isEqualTo(Code.TIMEOUT));
            assertThat(slave.requests).hasSize(poll);
        }
    }

    /** A device that was answering is given its retries on a timeout: one lost frame does not spoil a reading. */
    @Test
    void answeringDeviceRetriesATimeout() throws DriverException {
        slave.set(Table.INPUT_REGISTER, 10, 3);
        ModbusDeviceConnection device = connect(1);
        device.poll();
        slave.requests.clear();
        slave.failNext.add(ModbusFailure.timeout("read", 100));

        assertThat(byChannel(device.poll()).get("status").value()).isEqualTo(3.0);
        assertThat(slave.requests).hasSize(3);
    }

    /** A timeout after an answered block ends the poll: that block and the rest read BAD saying why, untried. */
    @Test
    void timeoutAfterAnAnswerSpoilsTheRest() throws DriverException {
        slave.set(Table.INPUT_REGISTER, 10, 3);
        ModbusDeviceConnection device = connect(0);
        slave.failNext.add(FakeTransport.ANSWER);
        slave.failNext.add(ModbusFailure.timeout("read", 100));

        Map<String, Reading> r = byChannel(device.poll());

        assertThat(r.get("status").quality()).isEqualTo(Quality.GOOD);
        assertThat(r.get("pressure").problem()).isEqualTo("timeout after 100 ms");
        assertThat(slave.requests).hasSize(2);
    }
}
