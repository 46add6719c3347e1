package io.onegrid.bench.hub;

import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference: a Vert.x MQTT server, same library, same defaults and event-loop count as the hub's, that
 * accepts any client and acknowledges every QoS 1 PUBLISH at once, without decoding, checking or storing it.
 */
final class AckAtOnceServer implements IngestTarget {
    private final Vertx vertx = Vertx.vertx();
    private final MqttServer server;
    private final AtomicLong received = new AtomicLong();

    AckAtOnceServer() {
        server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0)
                .setMaxMessageSize(256 * 1024 + 8 * 1024));
        server.endpointHandler(endpoint -> {
            endpoint.publishAutoAck(true);
            endpoint.publishHandler(m -> received.incrementAndGet());
            endpoint.accept(false);
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("reference MQTT server did not start: " + e, e);
        }
    }

    @Override
    public int mqttPort() {
        return server.actualPort();
    }

    @Override
    public long handled() {
        return received.get();
    }

    @Override
    public String problems() {
        return "";
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("stopping the reference server: " + e);
        }
    }
}
