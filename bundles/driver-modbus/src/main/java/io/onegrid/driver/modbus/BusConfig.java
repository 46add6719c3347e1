package io.onegrid.driver.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Modbus RTU bus (factory PID {@value ModbusBusComponent#FACTORY_PID}); the gateway's config loader writes one
 * per entry of {@code buses:}. Checked by {@link BusSettings}.
 */
@ObjectClassDefinition(id = ModbusBusComponent.FACTORY_PID, name = "OneGrid Modbus RTU bus",
        description = "A physical RS-485 bus (or a TCP serial server in front of one) and how requests on it are timed.")
public @interface BusConfig {
    @AttributeDefinition(name = "Name", description = "The name devices give in bus:, e.g. riser-a. Required.")
    String name();

    @AttributeDefinition(name = "Kind", options = {
            @org.osgi.service.metatype.annotations.Option(label = "serial line", value = "rtu"),
            @org.osgi.service.metatype.annotations.Option(label = "RTU over TCP (serial server)", value = "rtu-tcp")},
            description = "rtu: a serial port on this gateway; rtu-tcp: RTU frames through a TCP serial server.")
    String kind() default "rtu";

    @AttributeDefinition(name = "Serial port", required = false, description = "Serial device path for kind rtu, e.g. /dev/ttyUSB0.")
    String port() default "";

    @AttributeDefinition(name = "Serial server host", required = false, description = "Host of the serial server for kind rtu-tcp.")
    String host() default "";

    @AttributeDefinition(name = "Serial server port", required = false, min = "0", max = "65535",
            description = "TCP port of the serial server for kind rtu-tcp (required there; 0 = not set).")
    int tcpPort() default 0;

    @AttributeDefinition(name = "Baud rate", min = "300", description = "Line speed; also sets the 3.5-character frame gap.")
    int baud() default BusSettings.DEFAULT_BAUD;

    @AttributeDefinition(name = "Parity", options = {
            @org.osgi.service.metatype.annotations.Option(label = "none", value = "none"),
            @org.osgi.service.metatype.annotations.Option(label = "even", value = "even"),
            @org.osgi.service.metatype.annotations.Option(label = "odd", value = "odd")},
            description = "none, even or odd.")
    String parity() default "none";

    @AttributeDefinition(name = "Data bits", min = "7", max = "8", description = "7 or 8.")
    int dataBits() default 8;

    @AttributeDefinition(name = "Stop bits", min = "1", max = "2", description = "1 or 2.")
    int stopBits() default 1;

    @AttributeDefinition(name = "Response timeout (ms)", min = "10", max = "60000",
            description = "How long one request waits for its answer; a dead device holds the bus this long per poll.")
    int timeoutMs() default BusSettings.DEFAULT_TIMEOUT_MS;

    @AttributeDefinition(name = "Retries", min = "0", max = "5",
            description = "Re-sends after a timeout or a damaged answer (CRC, short frame) before the channels read BAD.")
    int retries() default BusSettings.DEFAULT_RETRIES;

    @AttributeDefinition(name = "Frame gap (ms)", min = "0", max = "1000",
            description = "Silence before each request; 0 = 3.5 characters at the baud rate. More for slow slaves.")
    int frameGapMs() default 0;

    @AttributeDefinition(name = "Largest read (registers)", min = "1", max = "125",
            description = "Registers one read request may ask for; lower it for slaves with small buffers.")
    int maxRegisters() default ReadPlanner.MAX_REGISTERS;

    @AttributeDefinition(name = "Largest gap read through (registers)", min = "0", max = "125",
            description = "Unused registers one request may read to merge two runs into one request.")
    int maxGapRegisters() default ReadPlanner.DEFAULT_GAP_REGISTERS;
}
