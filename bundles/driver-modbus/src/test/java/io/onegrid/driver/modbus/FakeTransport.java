package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;
import io.onegrid.profile.ModbusPoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** An in-memory slave for connection tests: a register image, refused addresses and a request log. */
final class FakeTransport implements ModbusTransport {
    final Map<ModbusPoint.Table, Map<Integer, Integer>> image = new EnumMap<>(ModbusPoint.Table.class);
    final List<String> requests = new ArrayList<>();
    /** Addresses the slave answers with exception 2 when a read touches them. */
    IntPredicate unmapped = a -> false;
    DriverException failure;
    /** In {@link #failNext}: this request is answered from the image. */
    static final DriverException ANSWER = new DriverException(DriverException.Code.DEVICE_ERROR, "answered");
    /** Failures for the next requests, one each ({@link #ANSWER}: none), before {@link #failure} and the image apply. */
    final java.util.Deque<DriverException> failNext = new java.util.ArrayDeque<>();

    FakeTransport set(ModbusPoint.Table table, int address, int... values) {
        Map<Integer, Integer> map = image.computeIfAbsent(table, t -> new HashMap<>());
        for (int i = 0; i < values.length; i++) map.put(address + i, values[i]);
        return this;
    }

    @Override
    public int[] readRegisters(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs) throws DriverException {
        touch("read " + table + " " + start + "+" + count, start, count);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = image.getOrDefault(table, Map.of()).getOrDefault(start + i, 0);
        return out;
    }

    @Override
    public boolean[] readBits(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs) throws DriverException {
        touch("read " + table + " " + start + "+" + count, start, count);
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) out[i] = image.getOrDefault(table, Map.of()).getOrDefault(start + i, 0) != 0;
        return out;
    }

    @Override
    public void writeCoil(int unitId, int address, boolean value, int timeoutMs) throws DriverException {
        touch("write COIL " + address, address, 1);
        set(ModbusPoint.Table.COIL, address, value ? 1 : 0);
    }

    @Override
    public void writeRegisters(int unitId, int address, int[] values, int timeoutMs) throws DriverException {
        touch("write HOLDING_REGISTER " + address + "+" + values.length, address, values.length);
        set(ModbusPoint.Table.HOLDING_REGISTER, address, values);
    }

    private void touch(String request, int start, int count) throws DriverException {
        requests.add(request);
        DriverException next = failNext.poll();
        if (next != null && next != ANSWER) throw next;
        if (failure != null) throw failure;
        for (int a = start; a < start + count; a++) {
            if (unmapped.test(a)) throw new ModbusExceptionResponse(ModbusExceptionResponse.ILLEGAL_DATA_ADDRESS, request);
        }
    }
}
