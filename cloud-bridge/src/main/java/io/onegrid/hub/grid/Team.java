package io.onegrid.hub.grid;

import java.util.List;

/**
 * The team of a command tier (community, street or district): a case owned by the tier and dispatched without
 * a named assignee goes to this team. {@code id} equals the tier node's id (one team per tier).
 */
public record Team(String id, String name, List<String> members) {
    public Team {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
