package io.onegrid.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every problem of one file so a validator can report them all, not just the first. Public so that
 * other readers built on {@link YamlMap} (the hub's grid file) share it.
 */
public final class Problems {
    private static final Comparator<ProfileException> IN_FILE_ORDER =
            Comparator.comparingInt(ProfileException::line).thenComparingInt(ProfileException::column);

    private final String file;
    private final List<ProfileException> found = new ArrayList<>();

    /** {@code file} names the source in every problem. */
    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** A problem at the start of {@code at} (its line and column). */
    public void add(Node at, String problem) {
        found.add(new ProfileException(file, lineOf(at), columnOf(at), problem));
    }

    public void add(int line, String problem) {
        found.add(new ProfileException(file, line, problem));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** Every problem so far, in file order (line, then column). */
    public List<ProfileException> all() {
        List<ProfileException> sorted = new ArrayList<>(found);
        sorted.sort(IN_FILE_ORDER);
        return sorted;
    }

    /** Throws one exception carrying every problem, in line order, if there were any. */
    public void throwIfAny() {
        if (found.isEmpty()) return;
        List<ProfileException> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(ProfileException::line));
        throw new ProfileException(sorted);
    }

    /** 1-based line of {@code node}, 0 when unknown. */
    public static int lineOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** 1-based column of {@code node}, 0 when unknown. */
    public static int columnOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }
}
