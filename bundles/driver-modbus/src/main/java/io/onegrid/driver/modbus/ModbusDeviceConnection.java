package io.onegrid.driver.modbus;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.ModbusPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polled Modbus device. One poll reads every planned block; a timeout or lost connection fails the
 * whole poll at once (so a dead slave holds its bus for one timeout, not one per block). An exception
 * response only spoils the channels of that block, which read BAD; the poll fails with DEVICE_ERROR only
 * when no block was answered. A slave that rejects a merged block with "illegal data address" is read
 * gap-free from then on. Channels that fail to decode read BAD on their own.
 */
final class ModbusDeviceConnection implements DeviceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceConnection.class);

    private final DeviceRef device;
    private final ModbusAddress address;
    private final ModbusTransport transport;
    private final DevicePoints points;
    private final ReadPlanner planner;
    private final GatewayClock clock;
    private final int timeoutMs;
    private final Runnable onClose;
    private final Set<String> warned = new HashSet<>();
    private List<ReadBlock> plan;
    private boolean closed;

    ModbusDeviceConnection(DeviceRef device, ModbusAddress address, ModbusTransport transport, DevicePoints points,
                           ReadPlanner planner, GatewayClock clock, int timeoutMs, Runnable onClose) {
        this.device = device;
        this.address = address;
        this.transport = transport;
        this.points = points;
        this.planner = planner;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
        this.onClose = onClose;
        this.plan = planner.plan(points.readable());
        points.unreadable().forEach(u -> LOG.warn("device {}: {}; it will read BAD", device.id(), u.problem()));
    }

    /** The current read plan, for tests and diagnostics. */
    List<ReadBlock> plan() {
        return plan;
    }

    @Override
    public boolean polled() {
        return true;
    }

    @Override
    public List<Reading> poll() throws DriverException {
        ensureOpen();
        long wallMs = clock.wallMs();
        long monoMs = clock.monoMs();
        List<Reading> readings = new ArrayList<>();
        int answered = 0;
        ModbusExceptionResponse refused = null;
        List<ReadBlock> next = new ArrayList<>();
        for (ReadBlock block : plan) {
            try {
                decode(block, readings, wallMs, monoMs);
                answered++;
                next.add(block);
            } catch (ModbusExceptionResponse e) {
                if (e.exceptionCode() == ModbusExceptionResponse.ILLEGAL_DATA_ADDRESS && block.hasGaps()) {
                    List<ReadBlock> parts = planner.splitAtGaps(block);
                    LOG.info("device {}: slave refuses reads across unmapped addresses of {}; reading {} blocks instead",
                            device.id(), block.table(), parts.size());
                    next.addAll(parts);
                    for (ReadBlock part : parts) {
                        try {
                            decode(part, readings, wallMs, monoMs);
                            answered++;
                        } catch (ModbusExceptionResponse again) {
                            refused = again;
                            spoil(part, again, readings, wallMs, monoMs);
                        }
                    }
                } else {
                    refused = e;
                    next.add(block);
                    spoil(block, e, readings, wallMs, monoMs);
                }
            }
        }
        plan = List.copyOf(next);
        if (answered == 0 && refused != null) {
            throw new DriverException(Code.DEVICE_ERROR, "device " + device.id() + ": " + refused.getMessage(), refused);
        }
        for (DevicePoints.Unreadable u : points.unreadable()) {
            readings.add(bad(u.channel(), u.unit(), wallMs, monoMs));
        }
        return List.copyOf(readings);
    }

    @Override
    public void write(String channel, Object value) throws DriverException {
        ensureOpen();
        PlannedPoint point = points.writablePoint(channel).orElseThrow(() -> new DriverException(Code.UNSUPPORTED,
                "device " + device.id() + " has no writable Modbus channel '" + channel + "'"));
        if (point.table() != ModbusPoint.Table.COIL && point.table() != ModbusPoint.Table.HOLDING_REGISTER) {
            throw new DriverException(Code.UNSUPPORTED, "device " + device.id() + ": channel " + channel
                    + " lies in " + point.table() + ", which a master cannot write");
        }
        try {
            if (point.table() == ModbusPoint.Table.COIL) {
                transport.writeCoil(address.unitId(), point.address(), ModbusCodec.encodeBit(point, value), timeoutMs);
            } else {
                transport.writeRegisters(address.unitId(), point.address(), ModbusCodec.encode(point, value), timeoutMs);
            }
        } catch (CodecException e) {
            throw new DriverException(Code.DECODE, "device " + device.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    private synchronized void ensureOpen() throws DriverException {
        if (closed) {
            throw new DriverException(Code.NO_ROUTE, "connection to device " + device.id() + " is closed");
        }
    }

    private void decode(ReadBlock block, List<Reading> out, long wallMs, long monoMs) throws DriverException {
        if (block.table().bitTable()) {
            boolean[] bits = transport.readBits(address.unitId(), block.table(), block.start(), block.count(), timeoutMs);
            for (PlannedPoint p : block.points()) {
                try {
                    out.add(good(p, ModbusCodec.decodeBit(p, bits[p.address() - block.start()]), wallMs, monoMs));
                } catch (CodecException e) {
                    out.add(undecodable(p, e, wallMs, monoMs));
                }
            }
        } else {
            int[] registers = transport.readRegisters(address.unitId(), block.table(), block.start(), block.count(), timeoutMs);
            for (PlannedPoint p : block.points()) {
                try {
                    out.add(good(p, ModbusCodec.decode(p, registers, p.address() - block.start()), wallMs, monoMs));
                } catch (CodecException e) {
                    out.add(undecodable(p, e, wallMs, monoMs));
                }
            }
        }
    }

    private void spoil(ReadBlock block, ModbusExceptionResponse e, List<Reading> out, long wallMs, long monoMs) {
        if (warned.add(block.table() + "@" + block.start() + "#" + e.exceptionCode())) {
            LOG.warn("device {}: {}; its channels read BAD", device.id(), e.getMessage());
        }
        for (PlannedPoint p : block.points()) {
            out.add(bad(p.channel(), p.unit(), wallMs, monoMs));
        }
    }

    private Reading undecodable(PlannedPoint p, CodecException e, long wallMs, long monoMs) {
        if (warned.add("decode:" + p.channel())) {
            LOG.warn("device {}: {}; reading BAD", device.id(), e.getMessage());
        } else {
            LOG.debug("device {}: {}", device.id(), e.getMessage());
        }
        return bad(p.channel(), p.unit(), wallMs, monoMs);
    }

    private Reading good(PlannedPoint p, Object value, long wallMs, long monoMs) {
        warned.remove("decode:" + p.channel());
        return new Reading(device.id(), p.channel(), value, p.unit(), Quality.GOOD, wallMs, monoMs);
    }

    private Reading bad(String channel, String unit, long wallMs, long monoMs) {
        return new Reading(device.id(), channel, null, unit, Quality.BAD, wallMs, monoMs);
    }

}
