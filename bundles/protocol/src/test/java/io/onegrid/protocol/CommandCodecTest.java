package io.onegrid.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    private final CommandCodec codec = new CommandCodec();
    private static final Timestamp TS = new Timestamp(1_795_300_000_000L, 1234);

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ProtocolError errorOf(Runnable r) {
        try {
            r.run();
        } catch (ProtocolException e) {
            return e.error();
        }
        throw new AssertionError("no ProtocolException");
    }

    /** A command with every kind of argument value survives encoding and decoding unchanged. */
    @Test
    void commandRoundTrip() {
        // GIVEN a write command whose arguments hold a string, a boolean, a number, a list and a null
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("device", "smoke-302");
        args.put("value", false);
        args.put("n", 3);
        args.put("list", List.of("a", "b"));
        args.put("none", null);
        Command c = new Command("c-1", "write", args, 1000, 301_000);
        // WHEN
        Command back = codec.decodeCommand(codec.encode(c));
        // THEN
        assertThat(back).isEqualTo(c);
        assertThat(new String(codec.encode(c), StandardCharsets.UTF_8)).startsWith("{\"v\":1,\"id\":\"c-1\",\"command\":\"write\"");
    }

    /** Replies, successful and failed, survive encoding and decoding; an unknown error code is kept as it is. */
    @Test
    void replyRoundTrip() {
        CommandReply ok = CommandReply.ok("c-1", "ping", Map.of("pong", true), TS);
        CommandReply failed = CommandReply.failed("c-2", "write", CommandError.NOT_WRITABLE, "smoke is read-only", TS);
        CommandReply noId = CommandReply.failed(null, "write", CommandError.BAD_REQUEST, "no id", TS);

        assertThat(codec.decodeReply(codec.encode(ok))).isEqualTo(ok);
        assertThat(codec.decodeReply(codec.encode(failed))).isEqualTo(failed);
        assertThat(codec.decodeReply(codec.encode(noId))).isEqualTo(noId);
        assertThat(codec.decodeReply(json("{\"v\":1,\"id\":\"c-3\",\"command\":\"x\",\"ok\":false,"
                + "\"error\":{\"code\":\"from_the_future\"},\"ts\":{\"wall\":1,\"mono\":2}}")).failure().code())
                .isEqualTo("from_the_future");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.result()).isEmpty();
    }

    /** Broken commands are refused with the code that tells why, naming the field. */
    @Test
    void refusesBrokenCommands() {
        assertThat(errorOf(() -> codec.decodeCommand(json("not json")))).isEqualTo(ProtocolError.MALFORMED);
        assertThat(errorOf(() -> codec.decodeCommand(json("[1]")))).isEqualTo(ProtocolError.MALFORMED);
        assertThat(errorOf(() -> codec.decodeCommand(json(
                "{\"v\":2,\"id\":\"c\",\"command\":\"ping\",\"issuedAt\":1,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.UNSUPPORTED_VERSION);
        assertThat(errorOf(() -> codec.decodeCommand(json(
                "{\"v\":0,\"id\":\"c\",\"command\":\"ping\",\"issuedAt\":1,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeCommand(json("{\"v\":1,\"command\":\"ping\",\"issuedAt\":1,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeCommand(json(
                "{\"v\":1,\"id\":\"c\",\"command\":\"ping\",\"args\":[1],\"issuedAt\":1,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeCommand(json(
                "{\"v\":1,\"id\":\"c\",\"command\":\"Ping/x\",\"issuedAt\":1,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeCommand(json(
                "{\"v\":1,\"id\":\"c\",\"id\":\"d\",\"command\":\"ping\",\"issuedAt\":1,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.MALFORMED);
        assertThat(errorOf(() -> codec.decodeCommand(json(
                "{\"v\":1,\"id\":\"c\",\"command\":\"ping\",\"issuedAt\":5,\"expiresAt\":2}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeCommand(new byte[CommandCodec.MAX_PAYLOAD_BYTES + 1])))
                .isEqualTo(ProtocolError.TOO_LARGE);
        assertThatThrownBy(() -> codec.decodeCommand(json("{\"v\":1,\"id\":\"c\",\"command\":\"ping\",\"expiresAt\":2}")))
                .hasMessageContaining("issuedAt");
    }

    /** Broken replies are refused: ok must be a boolean, a failure needs an error code, ts is required. */
    @Test
    void refusesBrokenReplies() {
        assertThat(errorOf(() -> codec.decodeReply(json(
                "{\"v\":1,\"id\":\"c\",\"command\":\"ping\",\"ok\":\"yes\",\"ts\":{\"wall\":1,\"mono\":2}}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeReply(json(
                "{\"v\":1,\"id\":\"c\",\"command\":\"ping\",\"ok\":false,\"ts\":{\"wall\":1,\"mono\":2}}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeReply(json("{\"v\":1,\"id\":\"c\",\"command\":\"ping\",\"ok\":true}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
        assertThat(errorOf(() -> codec.decodeReply(json(
                "{\"v\":1,\"id\":7,\"command\":\"ping\",\"ok\":true,\"ts\":{\"wall\":1,\"mono\":2}}"))))
                .isEqualTo(ProtocolError.INVALID_FIELD);
    }

    /** The id of a command that does not decode can still be found, so the refusal can name it. */
    @Test
    void peeksTheIdOfABrokenCommand() {
        assertThat(codec.peekId(json("{\"v\":9,\"id\":\"c-9\"}"))).isEqualTo("c-9");
        assertThat(codec.peekId(json("{\"id\":\"bad id with spaces\"}"))).isNull();
        assertThat(codec.peekId(json("garbage"))).isNull();
    }
}
