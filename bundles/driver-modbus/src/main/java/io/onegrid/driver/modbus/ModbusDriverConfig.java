package io.onegrid.driver.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the Modbus TCP driver (optional configuration; the defaults suit most slaves). */
@ObjectClassDefinition(id = ModbusDriverComponent.PID, name = "OneGrid Modbus TCP driver",
        description = "How the Modbus TCP driver groups register reads into requests.")
public @interface ModbusDriverConfig {
    @AttributeDefinition(name = "Largest register gap to read across", min = "0", max = "125",
            description = "Two runs of registers closer than this are read in one request, unused registers included.")
    int maxGapRegisters() default ReadPlanner.DEFAULT_GAP_REGISTERS;

    @AttributeDefinition(name = "Largest coil/input gap to read across", min = "0", max = "2000",
            description = "Two runs of coils or discrete inputs closer than this are read in one request.")
    int maxGapBits() default ReadPlanner.DEFAULT_GAP_BITS;
}
