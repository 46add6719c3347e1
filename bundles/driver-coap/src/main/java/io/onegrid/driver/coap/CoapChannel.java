package io.onegrid.driver.coap;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.CoapPoint;

/** One channel of a connected device and the URI of its resource on that device. */
record CoapChannel(ChannelSpec spec, String uri) {
    static CoapChannel of(ChannelSpec spec, CoapAddress address) {
        return new CoapChannel(spec, address.baseUri() + spec.coap().path());
    }

    String id() {
        return spec.id();
    }

    CoapPoint point() {
        return spec.coap();
    }

    String path() {
        return spec.coap().path();
    }
}
