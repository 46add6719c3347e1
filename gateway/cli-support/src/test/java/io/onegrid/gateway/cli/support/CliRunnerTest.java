package io.onegrid.gateway.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The exit codes and error lines every gateway command line shares: 0 ok, 1 failure, 2 usage. */
class CliRunnerTest {
    /** A usage error a command names as one. */
    static final class Wrong extends Exception {
        Wrong(String message) {
            super(message);
        }
    }

    @Command(name = "onegrid-gateway thing", subcommands = Thing.Sub.class, description = "A command for the test.")
    static final class Thing implements Callable<Integer> {
        @Mixin
        Help help;
        @Option(names = "--fail", description = "Fail with this message.")
        String fail;
        @Option(names = "--wrong", description = "Refuse as a usage error with this message.")
        String wrong;

        @Override
        public Integer call() throws Exception {
            if (fail != null) throw new IllegalStateException(fail);
            if (wrong != null) throw new Wrong(wrong);
            return CliRunner.OK;
        }

        @Command(name = "sub", description = "A subcommand that fails without a message.")
        static final class Sub implements Callable<Integer> {
            @Mixin
            Help help;

            @Override
            public Integer call() {
                throw new UnsupportedOperationException();
            }
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRunner.execute(new Thing(), args, new PrintWriter(out), new PrintWriter(err), e -> e instanceof Wrong);
    }

    /** GIVEN a command that succeeds WHEN run THEN it exits 0 and prints no error. */
    @Test
    void successExitsZero() {
        assertThat(run()).isEqualTo(CliRunner.OK);
        assertThat(err.toString()).isEmpty();
    }

    /** GIVEN --help on the command or a subcommand WHEN run THEN the usage goes to stdout and the exit code is 0. */
    @Test
    void helpPrintsUsageOnStdout() {
        assertThat(run("--help")).isEqualTo(CliRunner.OK);
        assertThat(out.toString()).contains("Usage: onegrid-gateway thing").contains("-h, --help").doesNotContain("-V");
        assertThat(run("sub", "-h")).isEqualTo(CliRunner.OK);
        assertThat(out.toString()).contains("Usage: onegrid-gateway thing sub");
    }

    /** GIVEN an unknown option WHEN run THEN picocli's message and the usage go to stderr and the exit code is 2. */
    @Test
    void unknownOptionIsUsage() {
        assertThat(run("--nope")).isEqualTo(CliRunner.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--nope'").contains("Usage: onegrid-gateway thing");
    }

    /** GIVEN a failing command WHEN run THEN one line names the program and the reason, exit 1, no stack trace. */
    @Test
    void failureIsOneLineAndExitOne() {
        assertThat(run("--fail", "no such file x.db")).isEqualTo(CliRunner.FAILURE);
        assertThat(err.toString()).isEqualTo("onegrid-gateway thing: no such file x.db" + System.lineSeparator());
    }

    /** GIVEN an exception the command calls a usage error WHEN run THEN exit 2 with its message. */
    @Test
    void namedUsageErrorExitsTwo() {
        assertThat(run("--wrong", "--count must be at least 1")).isEqualTo(CliRunner.USAGE);
        assertThat(err.toString()).isEqualTo("onegrid-gateway thing: --count must be at least 1" + System.lineSeparator());
    }

    /** GIVEN a subcommand failing without a message WHEN run THEN the line names the program and the exception. */
    @Test
    void failureWithoutMessageNamesTheException() {
        assertThat(run("sub")).isEqualTo(CliRunner.FAILURE);
        assertThat(err.toString()).startsWith("onegrid-gateway thing: java.lang.UnsupportedOperationException");
    }
}
