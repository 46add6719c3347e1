package io.onegrid.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one file so a validator can report them all, not just the first. */
final class Problems {
    private final String file;
    private final List<ProfileException> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Node at, String problem) {
        add(lineOf(at), problem);
    }

    void add(int line, String problem) {
        found.add(new ProfileException(file, line, problem));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    /** Throws one exception carrying every problem, in line order, if there were any. */
    void throwIfAny() {
        if (found.isEmpty()) return;
        List<ProfileException> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(ProfileException::line));
        throw new ProfileException(sorted);
    }

    static int lineOf(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
