package io.onegrid.bench.hub;

import io.onegrid.bench.Latencies;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Background load: one gateway publishing QoS 1 telemetry at a fixed rate, each message at its own slot
 * (start + n / rate), not in bursts. A slot missed by more than 50 ms (a GC pause, a busy core) is skipped and
 * counted instead of being made up in a burst, so the load stays even; so is a slot that finds the hub's
 * Receive Maximum (64) of messages still unacknowledged. The rate actually achieved is reported.
 */
final class PacedTelemetry implements AutoCloseable {
    private static final int IN_FLIGHT = 64;
    private static final long LATE_NANOS = 50_000_000L;

    private final MqttAsyncClient client;
    private final String gatewayId;
    private final String topic;
    private final LongFunction<byte[]> messages;
    private final long periodNanos;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Thread thread;
    private volatile boolean running = true;
    final AtomicLong acked = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstProblem = new AtomicReference<>();
    /** PUBACK latencies; written by Paho's callback thread only, read after {@link #stop}. */
    final Latencies ackLatency = new Latencies();
    private volatile boolean measuring;

    PacedTelemetry(int port, String gatewayId, String secret, int readings, double ratePerS) throws MqttException {
        this.client = new MqttAsyncClient("tcp://127.0.0.1:" + port, gatewayId, new MemoryPersistence());
        this.gatewayId = gatewayId;
        this.topic = Workload.TELEMETRY.topic(gatewayId);
        this.messages = Workload.TELEMETRY.messages(gatewayId, readings);
        this.periodNanos = (long) (1e9 / ratePerS);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(gatewayId);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        client.connect(o).waitForCompletion(15_000);
        this.thread = new Thread(this::run, "bench-telemetry-" + gatewayId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** From now on PUBACK latencies are recorded (after the warm-up). */
    void measure() {
        measuring = true;
    }

    private void run() {
        long start = System.nanoTime();
        long n = 0;
        long seq = 0;
        while (running) {
            long due = start + n * periodNanos;
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            n++;
            if (now - due > LATE_NANOS || !slots.tryAcquire()) {
                skipped.incrementAndGet();
                continue;
            }
            long sent = System.nanoTime();
            try {
                client.publish(topic, messages.apply(seq++), 1, false, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        int[] codes = token.getReasonCodes();
                        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                            failed.incrementAndGet();
                            firstProblem.compareAndSet(null, "PUBACK 0x" + Integer.toHexString(codes[0]));
                        } else {
                            acked.incrementAndGet();
                            if (measuring) ackLatency.add(System.nanoTime() - sent);
                        }
                        slots.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        failed.incrementAndGet();
                        firstProblem.compareAndSet(null, e.toString());
                        slots.release();
                    }
                });
            } catch (MqttException e) {
                failed.incrementAndGet();
                firstProblem.compareAndSet(null, e.toString());
                slots.release();
            }
        }
    }

    /** Stops publishing and waits (bounded) for the messages in flight. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
        if (!slots.tryAcquire(IN_FLIGHT, 30, java.util.concurrent.TimeUnit.SECONDS)) {
            firstProblem.compareAndSet(null, gatewayId + ": messages still in flight 30 s after stopping");
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect(5_000).waitForCompletion(10_000);
            client.close();
        } catch (MqttException e) {
            firstProblem.compareAndSet(null, "disconnect: " + e);
        }
    }
}
