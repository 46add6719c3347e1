package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandException.Code;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.DriverException;
import io.onegrid.api.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hub's {@code read} command: {@code {"device": id}} → the device's polled channels read now through its
 * connection, on its bus (a GPIO device answers with its inputs' debounced state). The readings go only into the
 * reply; the device's scheduled polls and what they report are not disturbed.
 */
final class ReadCommand implements CommandHandler {
    private final DeviceAccess devices;

    ReadCommand(DeviceAccess devices) {
        this.devices = devices;
    }

    @Override
    public String name() {
        return READ;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        String id = args.only("device").string("device");
        if (devices.device(id).isEmpty()) {
            throw new CommandException(Code.UNKNOWN_DEVICE, "no device '" + id + "' runs on this gateway");
        }
        List<Reading> readings;
        try {
            readings = devices.readNow(id);
        } catch (DriverException e) {
            throw new CommandException(Code.DEVICE_ERROR, "reading device " + id + " failed (" + e.code() + "): "
                    + e.getMessage(), e);
        }
        List<Object> out = new ArrayList<>(readings.size());
        for (Reading r : readings) out.add(json(r));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("device", id);
        result.put("online", devices.online(id));
        result.put("readings", out);
        return result;
    }

    /** A reading as the bridge writes readings everywhere else (docs/protocol.md, Reading). */
    static Map<String, Object> json(Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", r.channel());
        m.put("value", r.value());
        if (r.unit() != null) m.put("unit", r.unit());
        m.put("quality", r.quality().name().toLowerCase(Locale.ROOT));
        m.put("ts", Map.of("wall", r.wallMs(), "mono", r.monoMs()));
        return m;
    }
}
