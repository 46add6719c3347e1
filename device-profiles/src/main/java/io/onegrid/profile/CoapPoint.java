package io.onegrid.profile;

/**
 * A CoAP resource: path, content format (IANA number: 0 text/plain, 50 application/json, 60 application/cbor),
 * whether to observe it, a pointer to the value inside a JSON or CBOR payload ("/sensors/0/value", JSON-pointer
 * syntax over maps and arrays), and the linear conversion {@code value = raw * scale + offset}.
 */
public record CoapPoint(String path, int contentFormat, boolean observe, String pointer, double scale, double offset) {
    public CoapPoint {
        if (scale == 0) scale = 1;
    }

    /** A resource whose values need no conversion. */
    public CoapPoint(String path, int contentFormat, boolean observe, String pointer) {
        this(path, contentFormat, observe, pointer, 1, 0);
    }
}
