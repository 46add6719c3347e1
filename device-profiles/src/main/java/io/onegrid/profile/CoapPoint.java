package io.onegrid.profile;

/** A CoAP resource: path, content format (IANA number, 0 = text/plain, 50 = JSON), whether to observe it, and a JSON pointer into the payload. */
public record CoapPoint(String path, int contentFormat, boolean observe, String pointer) { }
