package io.onegrid.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short command to its end (stdout and stderr kept apart) and fails the test if it hangs. */
final class Commands {
    private static final long TIMEOUT_SECONDS = 60;

    /** What a finished command printed and its exit code. */
    record Result(List<String> command, int exit, String out, String err) {
        Result expectExit(int expected) {
            if (exit != expected) {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + " (expected " + expected
                        + ")\n--- stdout\n" + out + "\n--- stderr\n" + err);
            }
            return this;
        }
    }

    private Commands() {
    }

    static Result run(Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    static Result run(String... command) {
        return run(Map.of(), List.of(command));
    }
}
