package io.onegrid.hub.grid;

import java.util.List;

/**
 * A resident the grid looks after, typically an elder living alone. {@code unitId} is the grid id of the flat
 * ({@code site/unit}); {@code socialWorker} the id of the responsible social worker (a {@link Responder}).
 * Name, phone and contacts are personal data: shown only to roles that need them, and every read audited.
 */
public record Resident(String id, String name, String unitId, boolean livesAlone, String phone, CarePlan carePlan,
                       List<Contact> contacts, String socialWorker) {
    public Resident {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        carePlan = carePlan == null ? CarePlan.NONE : carePlan;
    }
}
