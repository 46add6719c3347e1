package io.onegrid.hub.http;

import io.onegrid.hub.grid.Contact;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.Resident;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.hub.store.UserStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A resident as a case shows them: in full to roles that need it (and the read is written to the audit log),
 * masked for everyone else (name initial, last four digits of phones).
 */
final class PersonalData {
    private PersonalData() { }

    static JsonObject resident(Resident r, Grid grid, TokenSession who, UserStore audit, String context) {
        // command centres see residents in their scope; of the responders only the resident's own social worker
        boolean full = who.role().seesPersonalData() && (who.role() != io.onegrid.hub.cases.Role.RESPONDER
                || grid.responder(r.socialWorker()).map(sw -> who.username().equals(sw.user())).orElse(false));
        if (full) audit.audit(who.username(), "read personal data", "resident:" + r.id(), context);
        JsonArray contacts = new JsonArray();
        for (Contact c : r.contacts()) {
            contacts.add(new JsonObject().put("name", full ? c.name() : maskName(c.name())).put("relation", c.relation())
                    .put("phone", full ? c.phone() : maskPhone(c.phone())));
        }
        JsonObject o = new JsonObject().put("id", r.id()).put("masked", !full)
                .put("name", full ? r.name() : maskName(r.name())).put("unit", r.unitId()).put("livesAlone", r.livesAlone())
                .put("phone", full ? r.phone() : maskPhone(r.phone())).put("contacts", contacts);
        if (full) {
            o.put("carePlan", new JsonObject().put("inactivity", r.carePlan().inactivity() == null ? null
                            : io.onegrid.profile.Durations.format(r.carePlan().inactivity()))
                    .put("window", r.carePlan().activeWindow()).put("notes", r.carePlan().notes()));
        }
        grid.responder(r.socialWorker()).ifPresent(sw -> o.put("socialWorker", new JsonObject().put("id", sw.id())
                .put("name", sw.name()).put("phone", full ? sw.phone() : maskPhone(sw.phone()))));
        return o;
    }

    static String maskName(String name) {
        if (name == null || name.isEmpty()) return name;
        int first = name.codePointAt(0);
        return new String(Character.toChars(first)) + "**";
    }

    static String maskPhone(String phone) {
        if (phone == null) return null;
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() <= 4 ? "****" : "****" + digits.substring(digits.length() - 4);
    }
}
