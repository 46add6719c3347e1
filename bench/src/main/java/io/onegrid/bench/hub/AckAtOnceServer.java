package io.onegrid.bench.hub;

import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference: a Vert.x MQTT server, same library, same defaults and event-loop count as the hub's, that
 * accepts any client and acknowledges every QoS 1 PUBLISH at once, without decoding, checking or storing it.
 * The gateway benches also use it as a receiver on loopback: on a port given in advance (so the gateway can be
 * started against a hub that is not there yet) and telling an observer of each PUBLISH as it arrives.
 */
public final class AckAtOnceServer implements IngestTarget {
    /** Told of every PUBLISH on the event loop, before its PUBACK: must only record, never block. */
    @FunctionalInterface
    public interface Observer {
        void publish(String topic, byte[] payload, long receivedNanos);
    }

    private final Vertx vertx = Vertx.vertx();
    private final MqttServer server;
    private final AtomicLong received = new AtomicLong();

    AckAtOnceServer() {
        this(0, null);
    }

    /** {@code port} 0 for an ephemeral one; {@code observer} may be null. */
    public AckAtOnceServer(int port, Observer observer) {
        server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(port)
                .setMaxMessageSize(256 * 1024 + 8 * 1024));
        server.endpointHandler(endpoint -> {
            endpoint.publishAutoAck(true);
            // a gateway subscribes to its command topics on every connect and logs a refusal
            endpoint.subscriptionAutoAck(true);
            if (observer == null) {
                endpoint.publishHandler(m -> received.incrementAndGet());
            } else {
                endpoint.publishHandler(m -> {
                    long at = System.nanoTime();
                    received.incrementAndGet();
                    observer.publish(m.topicName(), m.payload().getBytes(), at);
                });
            }
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
