package io.onegrid.hub.cases;

import io.onegrid.hub.errors.FileProblemsException;
import java.util.List;

/**
 * An SLA policy file that cannot become an {@link SlaPolicy}; the hub refuses to start with it rather than run on
 * a policy other than the one its operators wrote.
 */
public final class SlaPolicyException extends FileProblemsException {
    private static final long serialVersionUID = 1L;

    public SlaPolicyException(List<String> problems) {
        super(problems);
    }
}
