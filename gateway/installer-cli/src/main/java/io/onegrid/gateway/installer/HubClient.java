package io.onegrid.gateway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/** JSON over HTTP to the hub's REST API; turns transport failures into one-line {@link HubRefusedException}s. */
public final class HubClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // the hub spends one PBKDF2 per provisioning: seconds on a small hub, never minutes
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A status, its JSON body (NullNode when empty or not JSON) and the Retry-After header in seconds, if any. */
    public record Answer(int status, JsonNode body, Optional<Long> retryAfterS) {
        public String error() {
            return body.path("error").asText("");
        }

        public String message() {
            return body.path("message").asText("");
        }
    }

    private final HubEndpoint hub;
    private final HttpClient http;
    private String token;

    public HubClient(HubEndpoint hub) {
        this.hub = hub;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (hub.tls() != null) b.sslContext(hub.tls());
        this.http = b.build();
    }

    public java.net.URI base() {
        return hub.base();
    }

    public void useToken(String token) {
        this.token = token;
    }

    public Answer send(String method, String path, JsonNode body) throws HubRefusedException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(hub.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) r.header("Authorization", "Bearer " + token);
        if (body != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (SSLHandshakeException e) {
            throw new HubRefusedException("the hub's certificate at " + hub.base() + " is not trusted (" + e.getMessage()
                    + "); pass the hub's CA certificate with --ca FILE (docs/tls.md)", e);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new HubRefusedException("cannot reach the hub at " + hub.base() + " (" + describe(e)
                    + "); check the address, the network and that the hub runs", e);
        } catch (HttpTimeoutException e) {
            throw new HubRefusedException("the hub at " + hub.base() + " did not answer within " + REQUEST_TIMEOUT.toSeconds()
                    + " s; run again (a repeated provisioning is safe)", e);
        } catch (IOException e) {
            if (hasCause(e, javax.net.ssl.SSLException.class)) {
                throw new HubRefusedException("TLS with the hub at " + hub.base() + " failed (" + describe(e)
                        + "); if its certificate is not trusted, pass the hub's CA with --ca FILE", e);
            }
            throw new HubRefusedException("cannot reach the hub at " + hub.base() + " (" + describe(e) + ")", e);
        }
        return new Answer(answer.statusCode(), parse(answer.body()),
                answer.headers().firstValue("Retry-After").flatMap(HubClient::seconds));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return NullNode.getInstance();
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return NullNode.getInstance();
        }
    }

    private static Optional<Long> seconds(String header) {
        try {
            return Optional.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }
}
