package io.onegrid.hub.store;

import io.onegrid.hub.grid.Grid;

/** The grid in force. */
public interface GridStore {

    /** The current grid (an empty district until one is imported). */
    Grid grid();

    /**
     * Replaces the grid atomically, keeping the old one in history, and re-places existing cases, devices and
     * gateways on the new grid. {@code document} is the grid file text that {@code grid} was read from.
     */
    void replaceGrid(Grid grid, String document, String importedBy);
}
