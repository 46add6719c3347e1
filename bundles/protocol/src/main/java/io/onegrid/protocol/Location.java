package io.onegrid.protocol;

/**
 * What a device covers: the site (building), the unit (flat) and/or the common area. {@code unit} and
 * {@code area} may be null; {@code site} is always set. Residents are referenced by id only: personal
 * data never travels on the bridge.
 */
public record Location(String site, String unit, String area, String residentId) {
    public Location {
        if (site == null || site.isBlank()) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "location.site is required");
        }
    }

    public static Location unit(String site, String unit) {
        return new Location(site, unit, null, null);
    }
}
