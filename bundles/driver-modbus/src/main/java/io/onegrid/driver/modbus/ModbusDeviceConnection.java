package io.onegrid.driver.modbus;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.driver.modbus.ModbusRoute.Endpoint;
import io.onegrid.profile.ModbusPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polled Modbus device (TCP or RTU). One poll reads every planned block. Whatever goes wrong with one block
 * (an exception response, a CRC error, a short frame, an answer from the wrong unit) makes that block's channels
 * read BAD with the problem; the poll itself fails (TIMEOUT, NO_ROUTE) only when the device sent nothing at all, so
 * the poller backs it off and raises its communication fault.
 *
 * <p>Time on a shared bus: a timeout ends the poll, the remaining blocks read BAD untried, so a dead device holds
 * its bus for one timeout per poll. Retries (the endpoint's count) are spent on damaged answers always, and on
 * timeouts only while the device has been answering: a glitch on a live device is read again, a dead one is not.
 * A slave that rejects a merged block with "illegal data address" is read gap-free from then on. Channels that fail
 * to decode read BAD on their own.
 */
final class ModbusDeviceConnection implements DeviceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceConnection.class);

    private final DeviceRef device;
    private final int unitId;
    private final ModbusRoute route;
    private final DevicePoints points;
    private final GatewayClock clock;
    private final Runnable onClose;
    private final Set<String> warned = new HashSet<>();
    private Endpoint endpoint;
    private List<ReadBlock> plan;
    private boolean answering; // the device answered its last request
    private boolean closed;

    ModbusDeviceConnection(DeviceRef device, int unitId, ModbusRoute route, DevicePoints points, GatewayClock clock,
                           Runnable onClose) throws DriverException {
        this.device = device;
        this.unitId = unitId;
        this.route = route;
        this.points = points;
        this.clock = clock;
        this.onClose = onClose;
        replan(route.current());
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
        Endpoint now = route.current();
        if (now != endpoint) {
            replan(now);
        }
        long wallMs = clock.wallMs();
        long monoMs = clock.monoMs();
        List<Reading> readings = new ArrayList<>();
        boolean heard = false;
        List<ReadBlock> next = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            ReadBlock block = plan.get(i);
            try {
                decode(block, readings, wallMs, monoMs);
                heard = true;
                next.add(block);
            } catch (ModbusExceptionResponse e) {
                heard = true;
                if (e.exceptionCode() == ModbusExceptionResponse.ILLEGAL_DATA_ADDRESS && block.hasGaps()) {
                    List<ReadBlock> parts = endpoint.planner().splitAtGaps(block);
                    LOG.info("device {}: slave refuses reads across unmapped addresses of {}; reading {} blocks instead",
                            device.id(), block.table(), parts.size());
                    next.addAll(parts);
                    for (ReadBlock part : parts) {
                        try {
                            decode(part, readings, wallMs, monoMs);
                        } catch (ModbusFailure again) {
                            spoil(part, again, readings, wallMs, monoMs);
                        }
                    }
                } else {
                    next.add(block);
                    spoil(block, e, readings, wallMs, monoMs);
                }
            } catch (DriverException e) {
                if (e instanceof ModbusFailure damaged && e.code() == Code.DEVICE_ERROR) {
                    heard = true;
                    next.add(block);
                    spoil(block, damaged, readings, wallMs, monoMs);
                    continue;
                }
                // a timeout or a lost line: nothing more is tried on this poll
                if (!heard) {
                    throw e;
                }
                String problem = problem(e);
                warnOnce(block.table() + "@" + block.start() + "#" + e.code(), e.getMessage());
                bad(block, problem, readings, wallMs, monoMs);
                for (ReadBlock rest : plan.subList(i + 1, plan.size())) {
                    bad(rest, "not read: " + problem + " on an earlier request", readings, wallMs, monoMs);
                }
                next.addAll(plan.subList(i, plan.size()));
                break;
            }
        }
        plan = List.copyOf(next);
        for (DevicePoints.Unreadable u : points.unreadable()) {
            readings.add(bad(u.channel(), u.unit(), u.problem(), wallMs, monoMs));
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
        Endpoint now = route.current();
        try {
            if (point.table() == ModbusPoint.Table.COIL) {
                boolean bit = ModbusCodec.encodeBit(point, value);
                withRetries(now, () -> {
                    now.transport().writeCoil(unitId, point.address(), bit, now.timeoutMs());
                    return null;
                });
            } else {
                int[] registers = ModbusCodec.encode(point, value);
                withRetries(now, () -> {
                    now.transport().writeRegisters(unitId, point.address(), registers, now.timeoutMs());
                    return null;
                });
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

    private void replan(Endpoint now) {
        endpoint = now;
        plan = now.planner().plan(points.readable());
    }

    private interface Request<T> {
        T send() throws DriverException;
    }

    /** Sends a request, again after a retryable failure while retries are left (timeouts only if answering). */
    private <T> T withRetries(Endpoint now, Request<T> request) throws DriverException {
        for (int attempt = 0; ; attempt++) {
            try {
                T answer = request.send();
                answering = true;
                return answer;
            } catch (ModbusFailure e) {
                boolean timeout = e.code() == Code.TIMEOUT;
                if (timeout) {
                    boolean mayRetry = answering && e.retryable() && attempt < now.retries();
                    answering = false;
                    if (!mayRetry) throw e;
                } else {
                    answering = true; // something came back: the device is there
                    if (!e.retryable() || attempt >= now.retries()) throw e;
                }
                LOG.debug("device {}: {}; sending again ({} of {})", device.id(), e.getMessage(), attempt + 1, now.retries());
            }
        }
    }

    private void decode(ReadBlock block, List<Reading> out, long wallMs, long monoMs) throws DriverException {
        Endpoint now = endpoint;
        if (block.table().bitTable()) {
            boolean[] bits = withRetries(now, () -> now.transport().readBits(unitId, block.table(), block.start(),
                    block.count(), now.timeoutMs()));
            for (PlannedPoint p : block.points()) {
                try {
                    out.add(good(p, ModbusCodec.decodeBit(p, bits[p.address() - block.start()]), wallMs, monoMs));
                } catch (CodecException e) {
                    out.add(undecodable(p, e, wallMs, monoMs));
                }
            }
        } else {
            int[] registers = withRetries(now, () -> now.transport().readRegisters(unitId, block.table(), block.start(),
                    block.count(), now.timeoutMs()));
            for (PlannedPoint p : block.points()) {
                try {
                    out.add(good(p, ModbusCodec.decode(p, registers, p.address() - block.start()), wallMs, monoMs));
                } catch (CodecException e) {
                    out.add(undecodable(p, e, wallMs, monoMs));
                }
            }
        }
    }

    private void spoil(ReadBlock block, ModbusFailure e, List<Reading> out, long wallMs, long monoMs) {
        // one warning per block and kind of problem (not per poll): the hex dump in a CRC message differs each time
        warnOnce(block.table() + "@" + block.start() + "#" + e.problem().split(" \\(")[0], e.getMessage());
        bad(block, e.problem(), out, wallMs, monoMs);
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            LOG.warn("device {}: {}; its channels read BAD (said once)", device.id(), message);
        } else {
            LOG.debug("device {}: {}", device.id(), message);
        }
    }

    private static String problem(DriverException e) {
        return e instanceof ModbusFailure f ? f.problem() : e.getMessage();
    }

    private void bad(ReadBlock block, String problem, List<Reading> out, long wallMs, long monoMs) {
        for (PlannedPoint p : block.points()) {
            out.add(bad(p.channel(), p.unit(), problem, wallMs, monoMs));
        }
    }

    private Reading undecodable(PlannedPoint p, CodecException e, long wallMs, long monoMs) {
        if (warned.add("decode:" + p.channel())) {
            LOG.warn("device {}: {}; reading BAD", device.id(), e.getMessage());
        } else {
            LOG.debug("device {}: {}", device.id(), e.getMessage());
        }
        return bad(p.channel(), p.unit(), e.getMessage(), wallMs, monoMs);
    }

    private Reading good(PlannedPoint p, Object value, long wallMs, long monoMs) {
        warned.remove("decode:" + p.channel());
        return new Reading(device.id(), p.channel(), value, p.unit(), Quality.GOOD, wallMs, monoMs);
    }

    private Reading bad(String channel, String unit, String problem, long wallMs, long monoMs) {
        return new Reading(device.id(), channel, null, unit, Quality.BAD, wallMs, monoMs, problem);
    }
}
