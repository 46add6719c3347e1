package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Hand-made Modbus TCP frames the libraries would never send: the server answers them and keeps the connection. */
class RawModbusFrameIT {

    /** Unsupported function codes get 01, malformed requests 03, and the same connection still serves reads. */
    @Test
    void answersUnsupportedAndMalformedRequests() throws Exception {
        String yaml = "name: raw\ndevices:\n"
                + "  - {id: h, profile: hydrant-pressure-modbus, modbus: {unit: 1}, initial: {pressure: 0.35}}\n";
        try (Simulation sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("r.yaml", yaml))) {
            int port = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                // WHEN "read exception status" (07), which the simulator does not implement, is sent
                // THEN the answer is 0x87 01 (illegal function)
                assertThat(exchange(socket, 1, new byte[] {0x07})).containsExactly(0x87, 0x01);
                // WHEN a read holding registers request is cut short
                // THEN the answer is 0x83 03 (illegal data value)
                assertThat(exchange(socket, 2, new byte[] {0x03, 0x00})).containsExactly(0x83, 0x03);
                // AND the connection still answers a good read: 2 registers, 4 bytes, 0x3EB3 0x3333
                assertThat(exchange(socket, 3, new byte[] {0x03, 0, 0, 0, 2}))
                        .containsExactly(0x03, 4, 0x3E, 0xB3, 0x33, 0x33);
            }
        }
    }

    private static int[] exchange(Socket socket, int transactionId, byte[] pdu) throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(7 + pdu.length)
                .putShort((short) transactionId).putShort((short) 0).putShort((short) (pdu.length + 1)).put((byte) 1)
                .put(pdu);
        OutputStream out = socket.getOutputStream();
        out.write(frame.array());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readUnsignedShort()).isEqualTo(transactionId);
        in.readUnsignedShort();
        int length = in.readUnsignedShort();
        assertThat(in.readUnsignedByte()).isEqualTo(1);
        int[] reply = new int[length - 1];
        for (int i = 0; i < reply.length; i++) {
            reply[i] = in.readUnsignedByte();
        }
        return reply;
    }
}
