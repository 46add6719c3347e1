package io.onegrid.driver.coap;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.profile.values.ValueException;
import org.eclipse.californium.core.coap.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a CoAP response to a channel's request into that channel's reading: a 2.05 with a payload that decodes
 * is GOOD, anything else is BAD with the reason. Never throws: a device's bad answer stays one channel's problem.
 */
final class ChannelReadings {
    private final String deviceId;
    private final PayloadDecoder decoder;
    private final GatewayClock clock;

    ChannelReadings(String deviceId, PayloadDecoder decoder, GatewayClock clock) {
        this.deviceId = deviceId;
        this.decoder = decoder;
        this.clock = clock;
    }

    /** The readings of every channel of {@code resource} from one response. */
    List<Reading> of(CoapResourceGroup resource, Response response) {
        List<Reading> out = new ArrayList<>(resource.channels().size());
        for (CoapChannel channel : resource.channels()) out.add(of(channel, response));
        return out;
    }

    /** A BAD reading for every channel of {@code resource}. */
    List<Reading> bad(CoapResourceGroup resource, String problem) {
        List<Reading> out = new ArrayList<>(resource.channels().size());
        for (CoapChannel channel : resource.channels()) out.add(bad(channel, problem));
        return out;
    }

    Reading of(CoapChannel channel, Response response) {
        if (!response.isSuccess()) {
            return bad(channel, channel.path() + " answered " + response.getCode().text + " " + response.getCode().name()
                    + detail(response));
        }
        int format = response.getOptions().hasContentFormat() ? response.getOptions().getContentFormat() : ContentFormats.NONE;
        Decoded decoded;
        try {
            decoded = decoder.decode(response.getPayload(), format, channel.point(), channel.spec().type(),
                    channel.labels());
        } catch (RuntimeException e) {
            // the decoder reports every payload problem itself; this is a bug, kept to one channel
            decoded = Decoded.problem("payload could not be decoded: " + e);
        }
        if (!decoded.ok()) {
            return bad(channel, decoded.problem());
        }
        try {
            Object value = channel.transform().toReading(channel.id(), channel.spec().type(), decoded.value());
            return Reading.good(deviceId, channel.id(), value, channel.spec().unit(), clock);
        } catch (ValueException e) {
            return bad(channel, e.getMessage());
        }
    }

    Reading bad(CoapChannel channel, String problem) {
        return Reading.bad(deviceId, channel.id(), channel.spec().unit(), problem, clock);
    }

    /** A diagnostic payload some servers put in an error response, bounded and printable. */
    private static String detail(Response response) {
        String text = response.getPayloadString();
        return text == null || text.isBlank() ? "" : ": " + PayloadDecoder.quote(text.trim());
    }
}
