package io.onegrid.driver.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Californium CoAP server on a loopback port, with resources whose payload, content format and Max-Age a test
 * sets. Configured in code like the driver, so it writes no Californium3.properties either.
 */
final class TestCoapServer implements AutoCloseable {
    private final CoapServer server;
    private final CoapEndpoint endpoint;

    /** One resource: answers GET with what the test put in it, takes PUTs, and counts both. */
    static final class Settable extends CoapResource {
        private volatile byte[] payload = new byte[0];
        private volatile int format = -1;
        private volatile Long maxAge;
        private volatile boolean silent;
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger observeRegistrations = new AtomicInteger();
        private final Set<String> tokens = ConcurrentHashMap.newKeySet();
        volatile byte[] lastPut;
        volatile int lastPutFormat = -1;

        Settable(String name, boolean observable) {
            super(name);
            setObservable(observable);
        }

        /** Sets what GET answers; observers are notified when {@code notify} is true. */
        Settable answer(byte[] body, int contentFormat, Long maxAgeSeconds, boolean notify) {
            payload = body;
            format = contentFormat;
            maxAge = maxAgeSeconds;
            if (notify) changed();
            return this;
        }

        /** A silent resource never answers: the request times out at the client. */
        void silent(boolean on) {
            silent = on;
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            if (silent) return;
            gets.incrementAndGet();
            // Californium runs handleGET again for every notification, with the registering request: its token
            // tells a new registration from a notification
            if (exchange.getRequestOptions().hasObserve() && exchange.getRequestOptions().getObserve() == 0
                    && tokens.add(exchange.advanced().getRequest().getTokenString())) {
                observeRegistrations.incrementAndGet();
            }
            Response response = new Response(ResponseCode.CONTENT);
            response.setPayload(payload);
            if (format >= 0) response.getOptions().setContentFormat(format);
            if (maxAge != null) response.getOptions().setMaxAge(maxAge);
            exchange.respond(response);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            lastPut = exchange.getRequestPayload();
            lastPutFormat = exchange.getRequestOptions().getContentFormat();
            exchange.respond(ResponseCode.CHANGED);
        }
    }

    TestCoapServer(Settable... resources) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        server = new CoapServer(config);
        endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        server.addEndpoint(endpoint);
        server.add(resources);
        server.start();
    }

    String address() {
        return "coap://127.0.0.1:" + endpoint.getAddress().getPort();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
