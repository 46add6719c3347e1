package io.onegrid.driver.gpio;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the GPIO driver (PID io.onegrid.gpio); changes re-open every device's lines live. */
@ObjectClassDefinition(id = GpioConfig.PID, name = "OneGrid GPIO driver",
        description = "Where the gateway's GPIO lines live: the board's own pins (Pi4J/gpiod) or the GPIO simulator.")
public @interface GpioConfig {
    String PID = "io.onegrid.gpio";
    String PI4J = "pi4j";
    String SIMULATOR = "simulator";

    @AttributeDefinition(name = "Backend",
            description = "pi4j: the board's GPIO pins through Pi4J and the kernel's gpiod interface (addresses use BCM "
                    + "line numbers); simulator: lines of the OneGrid GPIO simulator over TCP (addresses use its line names).",
            options = {@Option(label = "Pi4J (real board)", value = PI4J),
                    @Option(label = "GPIO simulator", value = SIMULATOR)})
    String backend() default PI4J;

    @AttributeDefinition(name = "Simulator address",
            description = "host:port of the GPIO simulator; used only with the simulator backend.")
    String simulatorAddress() default "127.0.0.1:7021";
}
