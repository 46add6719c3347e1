package io.onegrid.hub.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately minimal MQTT 5 client speaking raw bytes, for what well-behaved clients such as Paho
 * refuse to do (exceed the server's Receive Maximum). Only CONNECT, QoS 1 PUBLISH and reading packets.
 */
final class RawMqttClient implements AutoCloseable {
    /** One received packet: its type (upper 4 bits of the first byte) and its body after the length. */
    record Packet(int type, byte[] body) {
        static final int CONNACK = 2;
        static final int PUBACK = 4;
        static final int DISCONNECT = 14;

        /** The reason code of a CONNACK, PUBACK or DISCONNECT. */
        int reasonCode() {
            return switch (type) {
                case CONNACK -> body[1] & 0xff;
                case PUBACK -> body.length > 2 ? body[2] & 0xff : 0;
                default -> body.length > 0 ? body[0] & 0xff : 0;
            };
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawMqttClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends CONNECT (MQTT 5, clean start, user name and password) and returns the CONNACK. */
    Packet connect(String clientId, String user, String password) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "MQTT");
        b.write(5);          // protocol level 5
        b.write(0xC2);       // user name, password, clean start
        b.write(0); b.write(60); // keep alive 60 s
        b.write(0);          // no properties
        string(b, clientId);
        string(b, user);
        string(b, password);
        send(0x10, b.toByteArray());
        return read();
    }

    void publishQos1(String topic, int packetId, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, topic);
        b.write(packetId >> 8); b.write(packetId & 0xff);
        b.write(0);          // no properties
        b.write(payload);
        send(0x32, b.toByteArray());
    }

    /** The next packet; EOFException if the server closed the connection. */
    Packet read() throws IOException {
        int first = in.read();
        if (first < 0) throw new EOFException("connection closed");
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int digit = in.readUnsignedByte();
            length |= (digit & 0x7f) << shift;
            if ((digit & 0x80) == 0) break;
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(first >> 4, body);
    }

    private void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        int n = body.length;
        do {
            int digit = n % 128;
            n /= 128;
            p.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        p.write(body);
        out.write(p.toByteArray());
        out.flush();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes.length >> 8);
        b.write(bytes.length & 0xff);
        b.write(bytes, 0, bytes.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
