package io.onegrid.bench.hub;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One simulated gateway: a Paho MQTT 5 client that keeps {@code window} QoS 1 publishes in flight (the
 * uplink's default maxInFlight is 16) from its own thread, as fast as PUBACKs come back.
 */
final class Publisher {
    /** Counters shared by all publishers of one run. */
    static final class Stats {
        final AtomicLong acked = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final LongAdder latencyNanos = new LongAdder();
        final AtomicReference<String> firstProblem = new AtomicReference<>();

        void problem(String p) {
            firstProblem.compareAndSet(null, p);
        }
    }

    private final MqttAsyncClient client;
    private final String gatewayId;
    private final String secret;
    private final String topic;
    private final LongFunction<byte[]> messages;
    private final int window;
    private final Semaphore slots;
    private final Stats stats;
    private final Thread thread;
    private volatile boolean running = true;

    Publisher(int port, String gatewayId, String secret, Workload workload, int telemetryReadings, int window, Stats stats)
            throws MqttException {
        this.client = new MqttAsyncClient("tcp://127.0.0.1:" + port, gatewayId, new MemoryPersistence());
        this.gatewayId = gatewayId;
        this.secret = secret;
        this.topic = workload.topic(gatewayId);
        this.messages = workload.messages(gatewayId, telemetryReadings);
        this.window = window;
        this.slots = new Semaphore(window);
        this.stats = stats;
        this.thread = new Thread(this::run, "bench-publisher-" + gatewayId);
        this.thread.setDaemon(true);
    }

    void connect() throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(gatewayId);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        client.connect(o).waitForCompletion(15_000);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long n = 0;
        while (running) {
            try {
                if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
            } catch (InterruptedException e) {
                return;
            }
            long sent = System.nanoTime();
            try {
                client.publish(topic, messages.apply(n++), 1, false, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        int[] codes = token.getReasonCodes();
                        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                            stats.refused.incrementAndGet();
                            stats.problem("PUBACK 0x" + Integer.toHexString(codes[0]) + " to " + gatewayId);
                        } else {
                            stats.latencyNanos.add(System.nanoTime() - sent);
                            stats.acked.incrementAndGet();
                        }
                        slots.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        stats.failed.incrementAndGet();
                        stats.problem("publish of " + gatewayId + " failed: " + e);
                        slots.release();
                    }
                });
            } catch (MqttException e) {
                stats.failed.incrementAndGet();
                stats.problem("publish of " + gatewayId + " failed: " + e);
                slots.release();
                running = false;
            }
        }
    }

    /** Stops publishing and waits (bounded) until every message in flight was acknowledged. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
        if (!slots.tryAcquire(window, 30, TimeUnit.SECONDS)) {
            stats.problem(gatewayId + ": messages still in flight 30 s after stopping");
        }
    }

    void close() {
        try {
            client.disconnect(5_000).waitForCompletion(10_000);
        } catch (MqttException e) {
            stats.problem("disconnect of " + gatewayId + ": " + e);
        }
        try {
            client.close();
        } catch (MqttException e) {
            // closing after a failed disconnect: nothing left to release
        }
    }
}
