package io.onegrid.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends one request line to the gateway's console socket and reads its one reply line. */
final class ConsoleClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path socket;

    ConsoleClient(Path socket) {
        this.socket = socket;
    }

    /** Thrown with a message for the person at the terminal when the gateway cannot be reached. */
    static final class NotRunning extends IOException {
        NotRunning(String message) {
            super(message);
        }
    }

    Reply ask(String command, Map<String, Object> args) throws IOException {
        if (!Files.exists(socket)) {
            throw new NotRunning("no gateway console at " + socket + ": the gateway is not running there (or uses"
                    + " another storage.dir; give --config FILE or --socket PATH)");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (SocketException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new NotRunning(why.toLowerCase(java.util.Locale.ROOT).contains("permission")
                        ? "no permission to use " + socket + ": run as the gateway's user or a member of its group"
                        : "the gateway does not answer on " + socket + " (" + why + "): it is not running");
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("command", command);
            request.put("args", args);
            ByteBuffer out = ByteBuffer.wrap((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) channel.write(out);
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) throw new NotRunning("the gateway closed the console connection without answering");
            return parse(line);
        }
    }

    static Reply parse(String line) throws JsonProcessingException {
        Map<String, Object> m = JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
        boolean ok = Boolean.TRUE.equals(m.get("ok"));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = m.get("result") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
        Map<?, ?> error = m.get("error") instanceof Map<?, ?> e ? e : Map.of();
        return new Reply(line, ok, result, String.valueOf(error.get("code")), String.valueOf(error.get("message")));
    }
}
