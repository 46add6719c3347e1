package io.onegrid.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.onegrid.profile.schema.ProfileSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Command-line validator for device-profile files ({@code ./onegrid profiles validate FILE|DIR...}; needs this
 * module's jar, SnakeYAML and the schema validator with Jackson 3 on the class path). Each file is checked twice:
 * against the published JSON schema ({@link ProfileSchema}) and by the loader's own checks, which know what a
 * schema cannot (unique ids, references to channels, overlapping registers). Prints "file:line:column: problem"
 * for every problem (the form compilers use, which editors and CI annotate) and "file: ok ..." for valid files;
 * exits 0 when all are valid, 1 when any is invalid, 2 on a usage error.
 *
 * <p>Where both find a problem on the same line the loader's sentence is kept (it names the channel or rule and
 * suggests the key meant) and the schema's is dropped, so each mistake is reported once.
 */
public final class ProfileCheck {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            Usage: java -cp device-profiles.jar:snakeyaml.jar io.onegrid.profile.ProfileCheck [--quiet] FILE|DIR...

            Validates OneGrid device-profile YAML files (format: docs/device-profiles.md).
            A directory stands for every *.yaml and *.yml file directly inside it.

              -q, --quiet   print only problems, not "ok" lines
              -h, --help    show this help

            Checks each file against the published JSON schema and the loader's own rules, and
            prints FILE:LINE:COLUMN: PROBLEM (allowed: ...) for each problem found.
            Exit status: 0 all files valid, 1 at least one file invalid, 2 usage error (or the
            schema validator is missing from the class path).
            """;

    private ProfileCheck() { }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the check; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean quiet = false;
        List<String> targets = new ArrayList<>();
        boolean options = true;
        for (String a : args) {
            if (options && (a.equals("-h") || a.equals("--help"))) {
                out.print(USAGE_TEXT);
                return OK;
            } else if (options && (a.equals("-q") || a.equals("--quiet"))) {
                quiet = true;
            } else if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("-") && a.length() > 1) {
                err.println("ProfileCheck: unknown option " + a);
                err.print(USAGE_TEXT);
                return USAGE;
            } else {
                targets.add(a);
            }
        }
        if (targets.isEmpty()) {
            err.println("ProfileCheck: no files given");
            err.print(USAGE_TEXT);
            return USAGE;
        }
        List<Path> files = new ArrayList<>();
        for (String t : targets) {
            Path p = Path.of(t);
            if (Files.isDirectory(p)) {
                files.addAll(yamlIn(p, err));
            } else {
                files.add(p);
            }
        }
        int invalid = 0;
        for (Path f : files) {
            Checked c;
            try {
                c = check(f);
            } catch (LinkageError e) {
                // a class path without the validator, or with Jackson annotations older than Jackson 3 needs
                err.println("ProfileCheck: cannot check against the JSON schema: " + e + "; the class path needs"
                        + " com.networknt:json-schema-validator 3.x with Jackson 3 and jackson-annotations 2.20 or later");
                return USAGE;
            }
            if (c.problems().isEmpty()) {
                DeviceProfile p = c.profile();
                if (!quiet) {
                    out.println(f + ": ok (" + p.id() + ", " + p.protocol() + ", " + p.channels().size() + " channels, "
                            + p.alarms().size() + " alarm rules)");
                }
            } else {
                invalid++;
                for (ProfileException each : c.problems()) out.println(located(each));
            }
        }
        if (files.isEmpty()) {
            err.println("ProfileCheck: no *.yaml or *.yml files found in " + String.join(" ", targets));
            return USAGE;
        }
        if (!quiet || invalid > 0) {
            out.println(invalid == 0 ? files.size() + " file(s) valid" : invalid + " of " + files.size() + " file(s) invalid");
        }
        return invalid == 0 ? OK : INVALID;
    }

    /** The profile a file holds (null unless it is valid) and every problem of it, in file order. */
    record Checked(DeviceProfile profile, List<ProfileException> problems) { }

    /** Checks one file against the schema and the loader. */
    static Checked check(Path file) {
        try {
            return check(file.toString(), ProfileLoader.readFile(file));
        } catch (ProfileException e) {
            return new Checked(null, e.allProblems());
        }
    }

    /** Checks profile text against the schema and the loader; {@code name} names it in problems. */
    static Checked check(String name, String text) {
        Node root;
        try {
            root = ProfileLoader.compose(name, text);
            if (root == null) return new Checked(null, List.of(ProfileLoader.empty(name)));
        } catch (ProfileException e) {
            return new Checked(null, e.allProblems());
        }
        DeviceProfile profile = null;
        List<ProfileException> loader = List.of();
        try {
            profile = ProfileLoader.read(name, root);
        } catch (ProfileException e) {
            loader = e.allProblems();
        }
        List<ProfileException> all = merge(loader, ProfileSchema.published().findings(name, root));
        return new Checked(all.isEmpty() ? profile : null, all);
    }

    /**
     * Loader problems, plus the schema's about nodes in which the loader found nothing (a schema error about a
     * whole channel is the same mistake as the loader's about a key inside it); in file order.
     */
    static List<ProfileException> merge(List<ProfileException> loader, List<ProfileSchema.Finding> schema) {
        List<ProfileException> all = new ArrayList<>(loader);
        for (ProfileSchema.Finding f : schema) {
            int first = f.problem().line();
            boolean covered = loader.stream().anyMatch(p -> p.line() >= first && p.line() <= f.lastLine());
            if (!covered) all.add(f.problem());
        }
        all.sort(Comparator.comparingInt(ProfileException::line).thenComparingInt(ProfileException::column));
        return all;
    }

    private static List<Path> yamlIn(Path dir, PrintStream err) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path f : s) {
                if (Files.isRegularFile(f)) files.add(f);
            }
        } catch (IOException e) {
            err.println(dir + ": cannot list directory: " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    /** "file:line:column: problem", or "file:line: problem" where the column is not known. */
    static String located(ProfileException e) {
        return e.file() + (e.line() > 0 ? ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") : "") + ": " + e.problem();
    }
}
