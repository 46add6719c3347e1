package io.onegrid.gateway.installer;

import java.io.PrintWriter;
import java.util.List;

/**
 * The live view's lines. On a terminal they are redrawn in place each refresh; to a pipe or a log only lines that
 * changed are printed, so a walk test in a script's log reads as a list of triggers, not thousands of repeats.
 */
public final class Screen {
    private final PrintWriter out;
    private final boolean terminal;
    private List<String> shown = List.of();

    public Screen(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void show(List<String> lines) {
        if (terminal) {
            if (!shown.isEmpty()) out.print("\u001b[" + shown.size() + "F"); // cursor up to the first line shown
            for (String l : lines) out.print(l + "\u001b[K\n");
        } else {
            for (String l : lines) if (!shown.contains(l)) out.println(l);
        }
        out.flush();
        shown = List.copyOf(lines);
    }
}
