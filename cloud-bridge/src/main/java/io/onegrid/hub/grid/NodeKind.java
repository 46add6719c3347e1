package io.onegrid.hub.grid;

import java.util.Locale;

/**
 * The tiers of the grid hierarchy, top down. {@link #DISTRICT}, {@link #STREET} and {@link #COMMUNITY} are
 * command tiers: they own cases and have a team. A {@link #UNIT} (flat) and an {@link #AREA} (common area
 * such as a stairwell or pump room) both hang under a {@link #SITE} (building).
 */
public enum NodeKind {
    DISTRICT, STREET, COMMUNITY, GRID, SITE, UNIT, AREA;

    /** Whether nodes of this kind own cases and escalate to the tier above. */
    public boolean isTier() {
        return this == DISTRICT || this == STREET || this == COMMUNITY;
    }

    /** The lower-case name used in files and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
