package io.onegrid.hub.grid;

import java.util.Locale;

/** What a responder does. Names follow the glossary; in files they are written in kebab case. */
public enum ResponderRole {
    /** 网格员: first responder for a grid. */
    GRID_WORKER,
    /** 社工: elder welfare. */
    SOCIAL_WORKER,
    /** 物业: property management of a site; owns device-fault (maintenance) cases. */
    PROPERTY_MANAGEMENT,
    /** 微型消防站: the micro fire station of a community or site. */
    MICRO_FIRE_STATION,
    /** Duty officer of a community command post. */
    COMMUNITY_DUTY,
    /** Duty officer of a street command centre (分中心). */
    STREET_DUTY,
    /** Duty officer of the district command centre. */
    DISTRICT_DUTY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role for {@code grid-worker} etc.; null if unknown. */
    public static ResponderRole fromWire(String s) {
        for (ResponderRole r : values()) {
            if (r.wireName().equals(s)) return r;
        }
        return null;
    }
}
