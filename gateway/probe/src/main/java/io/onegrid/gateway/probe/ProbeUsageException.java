package io.onegrid.gateway.probe;

/** The probe was asked something it cannot do (a bad URI, an unknown profile, a profile of another protocol): exit 2. */
public final class ProbeUsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProbeUsageException(String message) {
        super(message);
    }
}
