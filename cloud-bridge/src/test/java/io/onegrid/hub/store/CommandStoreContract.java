package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CommandStore} must have (a contract of its own, as the store's interfaces are split
 * by concern): pending commands kept per gateway and bounded, delivery, the first reply wins, expiry, and an audit
 * line for every command and reply. Runs on SQLite and on PostgreSQL.
 */
public abstract class CommandStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    protected HubStore store;
    private int n;

    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        store.putGatewaySecret("gw-1", "h");
        store.putGatewaySecret("gw-2", "h");
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A new command of gw-1 living {@code ttl} from now, recorded with a bound of {@code max} pending. */
    private CommandRecord send(String gateway, Duration ttl, int max) {
        CommandRecord c = CommandRecord.pending("c-" + (++n), gateway, "write",
                "{\"device\":\"smoke-302\",\"channel\":\"siren\",\"value\":false}", "op-sg", clock.instant(),
                clock.instant().plus(ttl));
        store.createCommand(c, max);
        return c;
    }

    /** Verifies that a new command is pending for its gateway only and that its sending is audited with its sender. */
    @Test
    void newCommandIsPendingAndAudited() {
        CommandRecord c = send("gw-1", Duration.ofMinutes(5), 10);

        assertThat(store.pendingCommands("gw-1", clock.instant())).extracting(CommandRecord::id).containsExactly(c.id());
        assertThat(store.pendingCommands("gw-2", clock.instant())).isEmpty();
        assertThat(store.command(c.id())).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(CommandState.PENDING);
            assertThat(r.argsJson()).contains("\"siren\"");
            assertThat(r.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        });
        assertThat(store.auditLog(Instant.EPOCH, 10)).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo("op-sg");
            assertThat(a.action()).isEqualTo("send command");
            assertThat(a.subject()).isEqualTo("gateway:gw-1");
            assertThat(a.detail()).contains("write").contains(c.id());
        });
    }

    /** Verifies the bound per gateway: beyond it CONFLICT; expired, delivered and other gateways' commands do not count. */
    @Test
    void pendingCommandsAreBoundedPerGateway() {
        CommandRecord first = send("gw-1", Duration.ofSeconds(10), 2);
        send("gw-1", Duration.ofMinutes(5), 2);
        send("gw-2", Duration.ofMinutes(5), 2);

        assertThatThrownBy(() -> send("gw-1", Duration.ofMinutes(5), 2)).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).error()).isEqualTo(HubError.CONFLICT));

        store.commandDelivered(first.id(), clock.instant());
        send("gw-1", Duration.ofMinutes(5), 2);
        clock.advance(Duration.ofMinutes(6));
        send("gw-1", Duration.ofMinutes(5), 2);
        assertThat(store.pendingCommands("gw-1", clock.instant())).hasSize(1);
    }

    /** Verifies that delivery happens once, in order of sending, and a delivered command is no longer pending. */
    @Test
    void deliveryTakesACommandOutOfPending() {
        CommandRecord a = send("gw-1", Duration.ofMinutes(5), 10);
        CommandRecord b = send("gw-1", Duration.ofMinutes(5), 10);
        assertThat(store.pendingCommands("gw-1", clock.instant())).extracting(CommandRecord::id)
                .containsExactly(a.id(), b.id());

        assertThat(store.commandDelivered(a.id(), clock.instant())).isTrue();
        assertThat(store.commandDelivered(a.id(), clock.instant())).isFalse();

        assertThat(store.pendingCommands("gw-1", clock.instant())).extracting(CommandRecord::id).containsExactly(b.id());
        assertThat(store.command(a.id()).orElseThrow().state()).isEqualTo(CommandState.DELIVERED);
        assertThat(store.command(a.id()).orElseThrow().deliveredAt()).isEqualTo(clock.instant());
    }

    /**
     * Verifies that the first reply is recorded with its state, error code and audit line, that a second reply or one
     * from another gateway changes nothing, and that a reply without a delivery counts as the delivery.
     */
    @Test
    void firstReplyWins() {
        CommandRecord c = send("gw-1", Duration.ofMinutes(5), 10);
        clock.advance(Duration.ofSeconds(2));

        assertThat(store.commandReplied("gw-2", c.id(), CommandState.REPLIED, null, "{\"ok\":true}", clock.instant()))
                .isEmpty();
        CommandRecord r = store.commandReplied("gw-1", c.id(), CommandState.FAILED, "not_writable",
                "{\"ok\":false,\"error\":{\"code\":\"not_writable\"}}", clock.instant()).orElseThrow();
        assertThat(store.commandReplied("gw-1", c.id(), CommandState.REPLIED, null, "{\"ok\":true}", clock.instant()))
                .isEmpty();

        assertThat(r.state()).isEqualTo(CommandState.FAILED);
        assertThat(r.errorCode()).isEqualTo("not_writable");
        assertThat(r.replyJson()).contains("not_writable");
        assertThat(r.repliedAt()).isEqualTo(clock.instant());
        assertThat(r.deliveredAt()).isEqualTo(clock.instant());
        assertThat(store.command(c.id()).orElseThrow()).isEqualTo(r);
        List<AuditEntry> audit = store.auditLog(Instant.EPOCH, 10);
        assertThat(audit).extracting(AuditEntry::action).containsExactly("command reply", "send command");
        assertThat(audit.get(0).username()).isEqualTo("gateway:gw-1");
        assertThat(audit.get(0).subject()).isEqualTo("command:" + c.id());
        assertThat(audit.get(0).detail()).isEqualTo("failed not_writable");
    }

    /**
     * Verifies that open commands past their expiry become EXPIRED (pending and delivered alike, answered ones not),
     * that the state read before the sweep already says so, and that a late reply is still recorded.
     */
    @Test
    void openCommandsExpire() {
        CommandRecord pending = send("gw-1", Duration.ofSeconds(30), 10);
        CommandRecord delivered = send("gw-1", Duration.ofSeconds(30), 10);
        CommandRecord answered = send("gw-1", Duration.ofSeconds(30), 10);
        CommandRecord later = send("gw-1", Duration.ofMinutes(5), 10);
        store.commandDelivered(delivered.id(), clock.instant());
        store.commandReplied("gw-1", answered.id(), CommandState.REPLIED, null, "{\"ok\":true}", clock.instant());
        clock.advance(Duration.ofSeconds(30));

        assertThat(store.command(pending.id()).orElseThrow().stateAt(clock.instant())).isEqualTo(CommandState.EXPIRED);
        assertThat(store.pendingCommands("gw-1", clock.instant())).extracting(CommandRecord::id).containsExactly(later.id());
        assertThat(store.expireCommands(clock.instant())).isEqualTo(2);
        assertThat(store.expireCommands(clock.instant())).isZero();

        assertThat(store.command(pending.id()).orElseThrow().state()).isEqualTo(CommandState.EXPIRED);
        assertThat(store.command(delivered.id()).orElseThrow().state()).isEqualTo(CommandState.EXPIRED);
        assertThat(store.command(answered.id()).orElseThrow().state()).isEqualTo(CommandState.REPLIED);
        assertThat(store.commandReplied("gw-1", delivered.id(), CommandState.REPLIED, null, "{\"ok\":true}",
                clock.instant())).get().extracting(CommandRecord::state).isEqualTo(CommandState.REPLIED);
    }

    /** Verifies that a gateway's commands are listed newest first, limited, and only its own. */
    @Test
    void listsRecentCommandsNewestFirst() {
        CommandRecord a = send("gw-1", Duration.ofMinutes(5), 10);
        CommandRecord b = send("gw-1", Duration.ofMinutes(5), 10);
        CommandRecord c = send("gw-1", Duration.ofMinutes(5), 10);
        send("gw-2", Duration.ofMinutes(5), 10);

        assertThat(store.commands("gw-1", 2)).extracting(CommandRecord::id).containsExactly(c.id(), b.id());
        assertThat(store.commands("gw-1", 10)).extracting(CommandRecord::id).containsExactly(c.id(), b.id(), a.id());
    }
}
