package io.onegrid.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The chaos test's link on loopback sockets, with MQTT packets written by hand. */
class TcpProxyTest {
    private static final byte[] CONNACK = {0x20, 0x03, 0x00, 0x00, 0x00};
    private static final byte[] PUBACK = {0x40, 0x02, 0x00, 0x07};
    private static final byte[] PINGRESP = {(byte) 0xD0, 0x00};

    /**
     * GIVEN acknowledgements being lost WHEN the hub sends CONNACK, PUBACK, PINGRESP THEN the gateway gets CONNACK and
     * PINGRESP only; once they pass again a PUBACK arrives whole.
     */
    @Test
    void losesWholePubacksAndNothingElse() throws Exception {
        try (ServerSocket hub = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpProxy proxy = new TcpProxy(hub.getLocalPort());
             Socket gateway = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
             Socket hubSide = hub.accept()) {
            gateway.setSoTimeout(5000);
            proxy.loseAcks(true);
            OutputStream out = hubSide.getOutputStream();
            out.write(CONNACK);
            out.write(PUBACK, 0, 2); // a packet split across writes is still recognised
            out.flush();
            out.write(PUBACK, 2, 2);
            out.write(PINGRESP);
            out.flush();
            InputStream in = gateway.getInputStream();
            assertThat(in.readNBytes(CONNACK.length + PINGRESP.length))
                    .containsExactly(0x20, 0x03, 0x00, 0x00, 0x00, 0xD0, 0x00);
            assertThat(proxy.acksLost()).isEqualTo(1);

            proxy.loseAcks(false);
            out.write(PUBACK);
            out.flush();
            assertThat(in.readNBytes(PUBACK.length)).containsExactly(PUBACK);
        }
    }

    /** GIVEN a relayed connection WHEN the link is cut THEN both ends see it closed. */
    @Test
    void aCutClosesTheConnection() throws Exception {
        try (ServerSocket hub = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpProxy proxy = new TcpProxy(hub.getLocalPort());
             Socket gateway = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
             Socket hubSide = hub.accept()) {
            gateway.setSoTimeout(5000);
            proxy.cutAll();
            assertThat(gateway.getInputStream().read()).isEqualTo(-1);
            hubSide.setSoTimeout(5000);
            assertThat(hubSide.getInputStream().read()).isEqualTo(-1);
        }
    }
}
