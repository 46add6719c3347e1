package io.onegrid.hub.webhooks;

import io.onegrid.hub.webhooks.RetrySchedule.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * POSTs one signed delivery and reports how it ended, never throwing. The JDK client is asynchronous, so a receiver
 * that never answers holds a connection and a slot of the dispatcher until the timeout, not a thread; its two
 * threads are its own, apart from Vert.x and the ingest writer. Redirects are not followed (a 3xx is a failure):
 * a receiver's URL is an admin's decision, not the receiver's. The outcome is complete when the status line and
 * headers are in; the body is read up to 64 KiB and dropped.
 */
final class WebhookSender implements AutoCloseable {
    private static final long MAX_BODY = 64 * 1024;
    static final String USER_AGENT = "OneGrid-Hub-Webhooks/1";

    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient client;

    WebhookSender(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "hub-webhooks-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends {@code body} for event {@code eventId} as delivery {@code deliveryId}, signed with {@code secret} now. */
    CompletableFuture<Outcome> send(URI url, long eventId, long deliveryId, String secret, String body) {
        long ts = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header(WebhookSigner.EVENT_ID, Long.toString(eventId))
                    .header(WebhookSigner.DELIVERY, Long.toString(deliveryId))
                    .header(WebhookSigner.TIMESTAMP, Long.toString(ts))
                    .header(WebhookSigner.SIGNATURE, WebhookSigner.signature(secret, ts, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.error("the URL cannot be requested: " + e.getMessage()));
        }
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()).handle((r, e) -> {
                if (e != null) return Outcome.error(describe(e));
                r.body().subscribe(new Drain());
                return Outcome.status(r.statusCode());
            });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.error(describe(e)));
        }
    }

    /** Why a request failed, in words that name no URL (logs show the host only). */
    String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof HttpConnectTimeoutException) return "could not connect within " + timeout.toMillis() + " ms";
        if (t instanceof HttpTimeoutException) return "no answer within " + timeout.toMillis() + " ms";
        if (t instanceof ConnectException) return "connection refused or unreachable";
        if (t instanceof UnresolvedAddressException || t.getCause() instanceof UnresolvedAddressException
                || t instanceof java.net.UnknownHostException) {
            return "host name not found";
        }
        if (t instanceof SSLException) return "TLS failed: " + String.valueOf(t.getMessage());
        if (t instanceof IOException) return "connection failed: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : " " + t.getMessage());
        return "request failed: " + t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads and drops a response body, and stops reading a receiver that sends too much. */
    private static final class Drain implements Flow.Subscriber<List<ByteBuffer>> {
        private Flow.Subscription subscription;
        private long read;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) read += b.remaining();
            if (read > MAX_BODY) subscription.cancel();
        }

        @Override
        public void onError(Throwable t) {
            // the status is what counts; a body cut short changes nothing
        }

        @Override
        public void onComplete() {
            // nothing to do: the body is not used
        }
    }
}
