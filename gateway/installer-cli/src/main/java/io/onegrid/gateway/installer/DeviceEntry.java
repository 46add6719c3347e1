package io.onegrid.gateway.installer;

import java.util.ArrayList;
import java.util.List;

/**
 * A device as {@code devices add} declares it: an address, or a bus and unit id (Modbus RTU), plus what it covers.
 * Rendered as a block-style list item at the indentation the file already uses.
 */
public record DeviceEntry(String id, String profile, String address, String bus, Integer unitId, String site,
                          String unit, String area, String resident) {

    /** The entry's lines, "- id: ..." at {@code dashIndent} spaces and its keys at {@code keyIndent}. */
    List<String> lines(int dashIndent, int keyIndent) {
        List<String> keys = new ArrayList<>();
        keys.add("id: " + GatewayYaml.quote(id));
        keys.add("profile: " + GatewayYaml.quote(profile));
        if (address != null) keys.add("address: " + GatewayYaml.quote(address));
        if (bus != null) keys.add("bus: " + GatewayYaml.quote(bus));
        // a quoted number would be read as text, and unitId must be a number
        if (unitId != null) keys.add("unitId: " + unitId);
        if (site != null) keys.add("site: " + GatewayYaml.quote(site));
        if (unit != null) keys.add("unit: " + GatewayYaml.quote(unit));
        if (area != null) keys.add("area: " + GatewayYaml.quote(area));
        if (resident != null) keys.add("resident: " + GatewayYaml.quote(resident));
        List<String> out = new ArrayList<>();
        String dash = " ".repeat(dashIndent) + "-" + " ".repeat(Math.max(1, keyIndent - dashIndent - 1));
        out.add(dash + keys.get(0));
        for (String k : keys.subList(1, keys.size())) out.add(" ".repeat(keyIndent) + k);
        return out;
    }
}
