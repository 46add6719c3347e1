package io.onegrid.gateway.cli;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
import io.onegrid.outbox.QuarantineFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarantine list|replay|drop}: the messages the hub refused for good, which the outbox keeps aside. */
@Command(name = "quarantine",
        subcommands = {QuarantineCommand.ListCommand.class, QuarantineCommand.ReplayCommand.class,
                QuarantineCommand.DropCommand.class},
        description = "Messages the hub refused for good (final PUBACK reason codes) are kept in the outbox's"
                + " quarantine, bounded in bytes. List them, replay them (back into the outbox in their original"
                + " place, attempts reset) or drop them. Safe while the gateway runs: each change is one transaction.")
final class QuarantineCommand implements Callable<Integer> {
    @Mixin
    Help help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliRunner.USAGE;
    }

    /** Either ids or --all. */
    static final class Selection {
        @Parameters(paramLabel = "ID", arity = "1..*", description = "Outbox ids of quarantined messages (see list).")
        List<Long> ids;

        @Option(names = "--all", required = true, description = "Every quarantined message.")
        boolean all;
    }

    @Command(name = "list", description = "List the quarantined messages, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Help help;

        @Mixin
        OutboxLocation location;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path db = location.resolve();
            PrintWriter out = spec.commandLine().getOut();
            try (QuarantineFile q = QuarantineFile.open(db)) {
                List<QuarantineFile.Entry> entries = q.list();
                if (entries.isEmpty()) {
                    out.println("The quarantine of " + db + " is empty.");
                    return CliRunner.OK;
                }
                out.printf(Locale.ROOT, "%-8s %-9s %-9s %8s %8s  %-24s  %s%n", "ID", "PRIORITY", "KIND", "BYTES",
                        "ATTEMPTS", "QUARANTINED (UTC)", "REASON");
                long bytes = 0;
                for (QuarantineFile.Entry e : entries) {
                    out.printf(Locale.ROOT, "%-8d %-9s %-9s %8d %8d  %-24s  %s%n", e.id(),
                            e.priority().name().toLowerCase(Locale.ROOT), e.kind(), e.bytes(), e.attempts(),
                            Instant.ofEpochMilli(e.quarantinedWallMs()), e.reason());
                    bytes += e.bytes();
                }
                out.printf(Locale.ROOT, "%d quarantined message(s), %d payload bytes, in %s%n", entries.size(), bytes, db);
            }
            return CliRunner.OK;
        }
    }

    /** What replay and drop share: open, select, change in one transaction, report. */
    abstract static class Change implements Callable<Integer> {
        @Mixin
        Help help;

        @Mixin
        OutboxLocation location;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract QuarantineFile.Outcome apply(QuarantineFile q, List<Long> ids) throws Exception;

        abstract QuarantineFile.Outcome applyAll(QuarantineFile q) throws Exception;

        abstract String done();

        @Override
        public Integer call() throws Exception {
            Path db = location.resolve();
            try (QuarantineFile q = QuarantineFile.open(db)) {
                QuarantineFile.Outcome outcome = selection.all ? applyAll(q) : apply(q, selection.ids);
                if (!outcome.unknown().isEmpty()) {
                    spec.commandLine().getErr().println("onegrid-gateway outbox: not in the quarantine of " + db + ": "
                            + join(outcome.unknown()) + "; nothing was changed");
                    return CliRunner.FAILURE;
                }
                spec.commandLine().getOut().println(outcome.done().isEmpty() ? "The quarantine is empty; nothing to do."
                        : done() + " " + outcome.done().size() + " message(s): " + join(outcome.done()));
            }
            return CliRunner.OK;
        }

        private static String join(List<Long> ids) {
            return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }

    @Command(name = "replay",
            description = "Move quarantined messages back into the outbox, in their original place (priority, then"
                    + " id), with their attempts reset. A running gateway sends them within seconds.")
    static final class ReplayCommand extends Change {
        @Override
        QuarantineFile.Outcome apply(QuarantineFile q, List<Long> ids) throws Exception {
            return q.replay(ids);
        }

        @Override
        QuarantineFile.Outcome applyAll(QuarantineFile q) throws Exception {
            return q.replayAll();
        }

        @Override
        String done() {
            return "Replayed into the outbox";
        }
    }

    @Command(name = "drop", description = "Delete quarantined messages for good.")
    static final class DropCommand extends Change {
        @Override
        QuarantineFile.Outcome apply(QuarantineFile q, List<Long> ids) throws Exception {
            return q.drop(ids);
        }

        @Override
        QuarantineFile.Outcome applyAll(QuarantineFile q) throws Exception {
            return q.dropAll();
        }

        @Override
        String done() {
            return "Dropped";
        }
    }
}
