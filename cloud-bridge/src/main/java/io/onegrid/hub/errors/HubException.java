package io.onegrid.hub.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure with its {@link HubError} code, a sentence for the caller (never a secret or personal data) and
 * optional details that become fields of the JSON error body (e.g. {@code stage}, {@code allowedActions}).
 */
public class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final HubError error;
    private final transient Map<String, Object> details;

    public HubException(HubError error, String message) {
        this(error, message, Map.of());
    }

    public HubException(HubError error, String message, Map<String, Object> details) {
        super(message);
        this.error = error;
        this.details = new LinkedHashMap<>(details);
    }

    public HubError error() {
        return error;
    }

    public Map<String, Object> details() {
        return Map.copyOf(details);
    }
}
