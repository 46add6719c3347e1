package io.onegrid.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line validator for device-profile files:
 * {@code java -cp device-profiles.jar:snakeyaml.jar io.onegrid.profile.ProfileCheck FILE|DIR...}.
 * Prints "file:line:column: problem" for every problem (the form compilers use, which editors and CI annotate), "file: ok ..." for
 * valid files; exits 0 when all are valid, 1 when any is invalid, 2 on a usage error.
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

            Prints FILE:LINE: PROBLEM for each problem found.
            Exit status: 0 all files valid, 1 at least one file invalid, 2 usage error.
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
            try {
                DeviceProfile p = ProfileLoader.load(f);
                if (!quiet) {
                    out.println(f + ": ok (" + p.id() + ", " + p.protocol() + ", " + p.channels().size() + " channels, "
                            + p.alarms().size() + " alarm rules)");
                }
            } catch (ProfileException e) {
                invalid++;
                for (ProfileException each : e.allProblems()) out.println(located(each));
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
