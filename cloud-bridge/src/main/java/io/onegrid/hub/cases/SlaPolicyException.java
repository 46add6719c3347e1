package io.onegrid.hub.cases;

import java.util.List;

/**
 * An SLA policy file that cannot become an {@link SlaPolicy}. The message lists every problem, one per line, as
 * {@code source:line:column: what is wrong}; the hub refuses to start with it rather than run on a policy other
 * than the one its operators wrote.
 */
public final class SlaPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** {@code problems} must not be empty; each is already in {@code source:line:column: problem} form. */
    public SlaPolicyException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("an SlaPolicyException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
