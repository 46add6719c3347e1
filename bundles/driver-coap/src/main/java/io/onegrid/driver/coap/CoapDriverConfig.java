package io.onegrid.driver.coap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the CoAP driver (PID io.onegrid.driver.coap; optional: the defaults suit most devices). */
@ObjectClassDefinition(id = CoapDriverConfig.PID, name = "OneGrid CoAP driver",
        description = "Limits of the CoAP driver; addresses, paths and timeouts come from each device and its profile.")
public @interface CoapDriverConfig {
    String PID = "io.onegrid.driver.coap";

    @AttributeDefinition(name = "Largest payload", min = "16", max = "1048576",
            description = "Largest response body in bytes (block-wise transfers included); a larger one reads BAD.")
    int maxPayloadBytes() default CoapSettings.DEFAULT_MAX_PAYLOAD_BYTES;

    @AttributeDefinition(name = "Protocol threads", min = "1", max = "64",
            description = "Threads that run CoAP exchanges and deliver notifications, shared by every CoAP device.")
    int threads() default CoapSettings.DEFAULT_THREADS;

    @AttributeDefinition(name = "Default timeout (ms)", min = "1",
            description = "Request timeout for a profile that gives no poll.timeout.")
    long defaultTimeoutMs() default 1000;
}
