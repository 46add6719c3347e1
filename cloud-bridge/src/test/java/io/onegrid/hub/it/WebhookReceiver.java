package io.onegrid.hub.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver for tests, on the JDK's HTTP server on a free loopback port: it records every request and
 * answers the statuses queued with {@link #answer}, then {@link #thenAnswer} for good.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received: its headers (names in lower case) and body. */
    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> queued = new ConcurrentLinkedQueue<>();
    private volatile int status = 204;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), headers,
                    new String(body, StandardCharsets.UTF_8)));
            Integer next = queued.poll();
            ex.sendResponseHeaders(next != null ? next : status, -1);
            ex.close();
        });
        server.start();
    }

    /** The next requests get these statuses, in order. */
    WebhookReceiver answer(Integer... statuses) {
        queued.addAll(List.of(statuses));
        return this;
    }

    /** Every request after the queued ones gets this status. */
    WebhookReceiver thenAnswer(int s) {
        status = s;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
