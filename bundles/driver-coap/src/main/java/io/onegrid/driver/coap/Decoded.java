package io.onegrid.driver.coap;

/**
 * What one payload gave for one channel: a value (Double, Boolean or String, before the profile's value
 * transform) or the problem that makes the channel's reading BAD.
 */
record Decoded(Object value, String problem) {
    static Decoded value(Object value) {
        return new Decoded(value, null);
    }

    static Decoded problem(String problem) {
        return new Decoded(null, problem);
    }

    boolean ok() {
        return problem == null;
    }
}
