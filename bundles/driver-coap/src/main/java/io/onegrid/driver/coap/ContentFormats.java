package io.onegrid.driver.coap;

/** The CoAP content formats this driver decodes (IANA registry numbers) and their names for messages. */
final class ContentFormats {
    static final int TEXT = 0;
    static final int JSON = 50;
    static final int CBOR = 60;
    /** Californium's value for a response without a Content-Format option. */
    static final int NONE = -1;

    private ContentFormats() {
    }

    static boolean supported(int format) {
        return format == TEXT || format == JSON || format == CBOR;
    }

    static String name(int format) {
        return switch (format) {
            case TEXT -> "0 (text/plain)";
            case JSON -> "50 (application/json)";
            case CBOR -> "60 (application/cbor)";
            case NONE -> "none";
            default -> String.valueOf(format);
        };
    }
}
