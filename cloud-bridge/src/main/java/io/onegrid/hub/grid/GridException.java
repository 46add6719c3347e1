package io.onegrid.hub.grid;

import io.onegrid.hub.errors.FileProblemsException;
import java.util.List;

/**
 * A grid file (or {@code PUT /api/grid} body) that cannot become a {@link Grid}. Problems name people by id only,
 * never by name or phone.
 */
public final class GridException extends FileProblemsException {
    private static final long serialVersionUID = 1L;

    public GridException(List<String> problems) {
        super(problems);
    }
}
