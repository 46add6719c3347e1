package io.onegrid.hub.store;

/** The database failed (busy, disk full, corrupt). Callers treat it as "retry later". */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
