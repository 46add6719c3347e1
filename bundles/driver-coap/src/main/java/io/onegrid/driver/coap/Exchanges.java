package io.onegrid.driver.coap;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;

/**
 * Sends one confirmable request on a device's endpoint and waits for its answer for at most the device's timeout;
 * a request that got none is cancelled, so Californium stops retransmitting it.
 */
final class Exchanges {
    /** What became of one request: a response, or why there is none ({@code timedOut}: the device said nothing). */
    record Outcome(Response response, String problem, boolean timedOut) {
        boolean answered() {
            return response != null;
        }
    }

    private final Endpoint endpoint;
    private final long timeoutMs;

    Exchanges(Endpoint endpoint, long timeoutMs) {
        this.endpoint = endpoint;
        this.timeoutMs = timeoutMs;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Sends {@code request} to {@code uri} (CON) and waits. */
    Outcome send(Request request, String uri) {
        Outcome bad = address(request, uri);
        if (bad != null) return bad;
        endpoint.sendRequest(request);
        return await(request);
    }

    /** Points a request at {@code uri}; a problem when the URI cannot be used (unresolvable host). */
    static Outcome address(Request request, String uri) {
        try {
            request.setConfirmable(true);
            request.setURI(uri);
            return null;
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "cannot send to " + uri + ": " + e.getMessage(), false);
        }
    }

    /** Waits for the answer to a request already sent. */
    Outcome await(Request request) {
        Response response;
        try {
            response = request.waitForResponse(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel();
            return new Outcome(null, "interrupted while waiting for the device", false);
        }
        if (response != null) return new Outcome(response, null, false);
        request.cancel();
        return failure(request);
    }

    Outcome failure(Request request) {
        Throwable error = request.getSendError();
        if (error != null) {
            return new Outcome(null, "request failed: " + (error.getMessage() == null ? error.toString() : error.getMessage()), false);
        }
        if (request.isRejected()) {
            return new Outcome(null, "the device rejected the request (RST)", false);
        }
        return new Outcome(null, "timeout after " + timeoutMs + " ms", true);
    }
}
