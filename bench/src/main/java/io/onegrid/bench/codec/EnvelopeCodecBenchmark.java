package io.onegrid.bench.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.bench.Payloads;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link EnvelopeCodec} on a 50-reading telemetry batch (the poller's largest batch) against plain Jackson on
 * the same JSON document held as maps and lists. The reference neither validates nor builds records, so the
 * ratio is the price of the codec's strictness and typing. Methods named {@code <op>_reference} are the
 * reference of {@code <op>_codec} (bench/run.sh prints the ratios).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
// a fixed heap keeps GC pauses, and so the spread between iterations, alike for both sides
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EnvelopeCodecBenchmark {
    public static final int READINGS = 50;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final ObjectMapper plain = new ObjectMapper();
    private Envelope envelope;
    private Map<String, Object> map;
    private byte[] encoded;

    @Setup
    public void setUp() throws IOException {
        envelope = Payloads.telemetry("gw-bench-01", 42, READINGS);
        map = Payloads.asMap(envelope);
        encoded = codec.encode(envelope);
        // both sides must handle the very same document, or the ratio means nothing
        if (!plain.readTree(encoded).equals(plain.readTree(plain.writeValueAsBytes(map)))) {
            throw new IllegalStateException("reference map does not serialize to the codec's JSON");
        }
        if (!codec.decode(encoded, MessageKind.TELEMETRY).equals(envelope)) {
            throw new IllegalStateException("codec does not round-trip the benchmark envelope");
        }
    }

    @Benchmark
    public byte[] encode_codec() {
        return codec.encode(envelope);
    }

    @Benchmark
    public byte[] encode_reference() throws JsonProcessingException {
        return plain.writeValueAsBytes(map);
    }

    @Benchmark
    public Envelope decode_codec() {
        return codec.decode(encoded, MessageKind.TELEMETRY);
    }

    @Benchmark
    public Object decode_reference() throws IOException {
        return plain.readValue(encoded, Map.class);
    }
}
