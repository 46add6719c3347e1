package io.onegrid.api;

import java.util.Map;

/** Something that happened on the gateway that is neither a reading nor an alarm. */
public record GatewayEvent(String type, String deviceId, Map<String, String> detail, long wallMs, long monoMs) {
    public GatewayEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
