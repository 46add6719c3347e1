package io.onegrid.api;

/**
 * What a device instance covers: a site (building) and a unit (flat) or common area, and optionally the
 * id of the resident it watches over (elder welfare). Ids only: no personal data on the gateway.
 */
public record Coverage(String site, String unit, String area, String residentId) {
    public Coverage {
        if (site == null || site.isBlank()) {
            throw new IllegalArgumentException("coverage needs a site");
        }
    }
}
