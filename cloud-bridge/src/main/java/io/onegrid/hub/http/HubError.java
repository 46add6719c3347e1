package io.onegrid.hub.http;

import java.util.Locale;

/** Every error the REST API returns: a stable code (the JSON {@code error} field) and its HTTP status. */
public enum HubError {
    BAD_REQUEST(400),
    MALFORMED_JSON(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    UNAVAILABLE(503);

    private final int httpStatus;

    HubError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code as it appears in error bodies, e.g. {@code malformed_json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
