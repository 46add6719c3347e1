package io.onegrid.sim.device;

import io.onegrid.profile.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated device answers right now: normally, or misbehaving on cue from the timeline. Every
 * server (Modbus TCP, Modbus RTU, CoAP) reads it per request, so a change applies to the next request.
 *
 * @param exceptionCode the Modbus exception code of {@link Mode#EXCEPTION} (1..255), else 0
 * @param delay         how much later than normal a {@link Mode#DELAY} device answers, else zero
 */
public record Behaviour(Mode mode, int exceptionCode, Duration delay) {
    public enum Mode {
        /** Answers as the profile says. */
        NORMAL,
        /** Never answers (a dead or unplugged device). */
        SILENT,
        /** Answers every request with a Modbus exception (CoAP: 5.03 Service Unavailable). */
        EXCEPTION,
        /** Modbus RTU: answers with a wrong CRC. */
        CORRUPT_CRC,
        /** Answers correctly but late. */
        DELAY,
        /** Answers with bytes that are not a valid reply: a malformed Modbus frame, a CoAP payload not in its content format. */
        GARBAGE
    }

    public static final Behaviour NORMAL = new Behaviour(Mode.NORMAL, 0, Duration.ZERO);

    public Behaviour {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(delay);
    }

    public static Behaviour of(Mode mode) {
        return new Behaviour(mode, 0, Duration.ZERO);
    }

    public static Behaviour exception(int code) {
        return new Behaviour(Mode.EXCEPTION, code, Duration.ZERO);
    }

    public static Behaviour delay(Duration delay) {
        return new Behaviour(Mode.DELAY, 0, delay);
    }

    /** The scenario spelling: "normal", "silent", "exception 2", "corrupt-crc", "delay 3s", "garbage". */
    public String describe() {
        return switch (mode) {
            case EXCEPTION -> "exception " + exceptionCode;
            case DELAY -> "delay " + Durations.format(delay);
            default -> mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    }
}
