package io.onegrid.hub.grid;

import java.util.Objects;

/**
 * One place in the grid. {@code id} is unique in the whole grid; units and areas have ids of the form
 * {@code site/unit} and {@code site/area} (see {@link Grid#unitId} and {@link Grid#areaId}), so the ids a
 * gateway sends (site {@code bldg-7}, unit {@code 302}) resolve without a lookup table. {@code parentId} is
 * null only for the district.
 */
public record GridNode(String id, NodeKind kind, String name, String parentId, String address) {
    public GridNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) name = id;
    }
}
