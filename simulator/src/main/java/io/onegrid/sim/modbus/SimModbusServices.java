package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import io.onegrid.profile.ModbusPoint.Table;
import java.util.Map;

/**
 * Answers Modbus requests from the simulated devices, one per unit id. An unknown unit id gets
 * exception 0x0B (gateway target device failed to respond), as a real Modbus TCP gateway answers for
 * an absent slave, rather than silence, so a master fails fast instead of timing out.
 */
final class SimModbusServices implements ModbusServices {
    private final Map<Integer, ModbusDeviceImage> units;

    SimModbusServices(Map<Integer, ModbusDeviceImage> units) {
        this.units = Map.copyOf(units);
    }

    @Override
    public ReadCoilsResponse readCoils(ModbusRequestContext context, int unitId, ReadCoilsRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.READ_COILS;
        ModbusServices.checkBitRange(fc.getCode(), request.address(), request.quantity());
        return new ReadCoilsResponse(packBits(read(fc, unitId, Table.COIL, request.address(), request.quantity())));
    }

    @Override
    public ReadDiscreteInputsResponse readDiscreteInputs(ModbusRequestContext context, int unitId,
                                                         ReadDiscreteInputsRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.READ_DISCRETE_INPUTS;
        ModbusServices.checkBitRange(fc.getCode(), request.address(), request.quantity());
        return new ReadDiscreteInputsResponse(
                packBits(read(fc, unitId, Table.DISCRETE_INPUT, request.address(), request.quantity())));
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                                                             ReadHoldingRegistersRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.READ_HOLDING_REGISTERS;
        ModbusServices.checkRegisterRange(fc.getCode(), request.address(), request.quantity());
        return new ReadHoldingRegistersResponse(
                packWords(read(fc, unitId, Table.HOLDING_REGISTER, request.address(), request.quantity())));
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unitId,
                                                         ReadInputRegistersRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.READ_INPUT_REGISTERS;
        ModbusServices.checkRegisterRange(fc.getCode(), request.address(), request.quantity());
        return new ReadInputRegistersResponse(
                packWords(read(fc, unitId, Table.INPUT_REGISTER, request.address(), request.quantity())));
    }

    @Override
    public WriteSingleCoilResponse writeSingleCoil(ModbusRequestContext context, int unitId,
                                                   WriteSingleCoilRequest request) throws ModbusResponseException {
        FunctionCode fc = FunctionCode.WRITE_SINGLE_COIL;
        write(fc, unitId, Table.COIL, request.address(), new int[] {request.value() != 0 ? 1 : 0});
        return new WriteSingleCoilResponse(request.address(), request.value());
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext context, int unitId,
                                                           WriteSingleRegisterRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.WRITE_SINGLE_REGISTER;
        write(fc, unitId, Table.HOLDING_REGISTER, request.address(), new int[] {request.value() & 0xFFFF});
        return new WriteSingleRegisterResponse(request.address(), request.value());
    }

    @Override
    public WriteMultipleCoilsResponse writeMultipleCoils(ModbusRequestContext context, int unitId,
                                                         WriteMultipleCoilsRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.WRITE_MULTIPLE_COILS;
        ModbusServices.checkBitRange(fc.getCode(), request.address(), request.quantity());
        int[] bits = new int[request.quantity()];
        byte[] packed = request.values();
        for (int i = 0; i < bits.length; i++) {
            bits[i] = i / 8 < packed.length ? (packed[i / 8] >> (i % 8)) & 1 : 0;
        }
        write(fc, unitId, Table.COIL, request.address(), bits);
        return new WriteMultipleCoilsResponse(request.address(), request.quantity());
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                 WriteMultipleRegistersRequest request)
            throws ModbusResponseException {
        FunctionCode fc = FunctionCode.WRITE_MULTIPLE_REGISTERS;
        ModbusServices.checkRegisterRange(fc.getCode(), request.address(), request.quantity());
        byte[] bytes = request.values();
        if (bytes.length < request.quantity() * 2) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        int[] words = new int[request.quantity()];
        for (int i = 0; i < words.length; i++) {
            words[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        write(fc, unitId, Table.HOLDING_REGISTER, request.address(), words);
        return new WriteMultipleRegistersResponse(request.address(), request.quantity());
    }

    private int[] read(FunctionCode fc, int unitId, Table table, int address, int quantity)
            throws ModbusResponseException {
        try {
            return unit(fc, unitId).read(table, address, quantity);
        } catch (ModbusAccessException e) {
            throw new ModbusResponseException(fc, code(e));
        }
    }

    private void write(FunctionCode fc, int unitId, Table table, int address, int[] words)
            throws ModbusResponseException {
        try {
            unit(fc, unitId).write(table, address, words);
        } catch (ModbusAccessException e) {
            throw new ModbusResponseException(fc, code(e));
        }
    }

    private ModbusDeviceImage unit(FunctionCode fc, int unitId) throws ModbusResponseException {
        ModbusDeviceImage image = units.get(unitId);
        if (image == null) {
            throw new ModbusResponseException(fc, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE);
        }
        return image;
    }

    private static ExceptionCode code(ModbusAccessException e) {
        return e.reason() == ModbusAccessException.Reason.BAD_VALUE
                ? ExceptionCode.ILLEGAL_DATA_VALUE : ExceptionCode.ILLEGAL_DATA_ADDRESS;
    }

    static byte[] packWords(int[] words) {
        byte[] bytes = new byte[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            bytes[2 * i] = (byte) (words[i] >> 8);
            bytes[2 * i + 1] = (byte) words[i];
        }
        return bytes;
    }

    /** Modbus bit order: the first bit is the least significant bit of the first byte. */
    static byte[] packBits(int[] bits) {
        byte[] bytes = new byte[(bits.length + 7) / 8];
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] != 0) {
                bytes[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return bytes;
    }
}
