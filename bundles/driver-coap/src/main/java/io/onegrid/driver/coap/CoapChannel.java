package io.onegrid.driver.coap;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.CoapAddress;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.values.ValueTransform;

import java.util.Set;

/** One channel of a connected device: the URI of its resource on that device and its shared value transform. */
record CoapChannel(ChannelSpec spec, String uri, ValueTransform transform) {
    static CoapChannel of(ChannelSpec spec, CoapAddress address) {
        return new CoapChannel(spec, address.baseUri() + spec.coap().path(), ValueTransform.of(spec));
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

    Set<String> labels() {
        return Set.copyOf(spec.labels().values());
    }
}
