package io.onegrid.outbox;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Child process of {@link OutboxCrashIT}: appends forever and prints each id once append returned. */
public final class CrashAppender {
    private CrashAppender() { }

    public static void main(String[] args) throws Exception {
        SqliteOutbox outbox = SqliteOutbox.open(OutboxSettings.of(Path.of(args[0])).withCommitIntervalMs(2),
                GatewayClock.SYSTEM);
        for (long i = 0; ; i++) {
            Priority p = i % 3 == 0 ? Priority.ALARM : Priority.TELEMETRY;
            long id = outbox.append(new OutboundMessage(p, p.name().toLowerCase(),
                    ("message " + i).getBytes(StandardCharsets.UTF_8)));
            System.out.println("committed " + id);
            System.out.flush();
        }
    }
}
