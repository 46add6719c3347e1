package io.onegrid.driver.coap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource of a device and the channels read from it: channels that name the same path (and both observe it,
 * or both poll it) share one request, each taking its value from the same payload with its own pointer.
 */
record CoapResourceGroup(String uri, String path, boolean observe, List<CoapChannel> channels) {
    CoapResourceGroup {
        channels = List.copyOf(channels);
    }

    /** Groups readable channels by resource, in profile order. */
    static List<CoapResourceGroup> of(List<CoapChannel> channels) {
        Map<String, List<CoapChannel>> byResource = new LinkedHashMap<>();
        for (CoapChannel c : channels) {
            if (!c.spec().access().readable()) continue;
            byResource.computeIfAbsent(c.point().observe() + " " + c.uri(), k -> new ArrayList<>()).add(c);
        }
        List<CoapResourceGroup> out = new ArrayList<>();
        for (List<CoapChannel> group : byResource.values()) {
            CoapChannel first = group.get(0);
            out.add(new CoapResourceGroup(first.uri(), first.path(), first.point().observe(), group));
        }
        return out;
    }
}
