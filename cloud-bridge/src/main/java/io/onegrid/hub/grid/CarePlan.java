package io.onegrid.hub.grid;

import java.time.Duration;

/**
 * How closely an elder living alone is watched. {@code inactivity} is the personal inactivity window (no
 * door or motion activity for this long opens a welfare check; null = the device profile's default),
 * {@code activeWindow} the daily hours it applies in ("06:00-22:00", null = all day), {@code notes} free
 * text for the responder (medication, keys held by a neighbour).
 */
public record CarePlan(Duration inactivity, String activeWindow, String notes) {
    public static final CarePlan NONE = new CarePlan(null, null, null);
}
