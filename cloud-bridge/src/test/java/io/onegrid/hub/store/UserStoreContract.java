package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.cases.Role;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UserStore} must have: accounts, sessions, the audit log, the last-admin rule (also under
 * concurrency), and gateway registration. Subclasses supply a fresh, migrated store; SQLite and PostgreSQL pass it.
 */
public abstract class UserStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    protected HubStore store;

    /** A new empty store using {@link #clock}. */
    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Verifies users, tokens with expiry, and gateway registration. */
    @Test
    void accountsAndTokens() {
        // GIVEN
        UserRecord alice = new UserRecord("alice", "h", Role.OPERATOR, "street-1", "Alice");
        assertThat(store.createUser(alice)).isTrue();
        assertThat(store.createUser(new UserRecord("alice", "h2", Role.ADMIN, null, null))).isFalse();
        Instant exp = clock.instant().plusSeconds(60);
        store.storeToken("tok-hash", "alice", exp);
        // THEN
        assertThat(store.user("alice")).hasValue(alice);
        assertThat(store.tokenSession("tok-hash", clock.instant()))
                .hasValue(new TokenSession("alice", Role.OPERATOR, "street-1", exp, "tok-hash"));
        assertThat(store.tokenSession("tok-hash", exp)).isEmpty();
        assertThat(store.tokenSession("other", clock.instant())).isEmpty();
        assertThat(store.deleteExpiredTokens(exp)).isEqualTo(1);
        store.storeToken("tok-2", "alice", exp);
        store.deleteToken("tok-2");
        assertThat(store.tokenSession("tok-2", clock.instant())).isEmpty();
        assertThat(store.createGateway("gw-3", "h3")).isTrue();
        assertThat(store.createGateway("gw-3", "h4")).isFalse();
        assertThat(store.gatewaySecretHash("gw-3")).hasValue("h3");
        store.putGatewaySecret("gw-3", "h5");
        assertThat(store.gatewaySecretHash("gw-3")).hasValue("h5");
        assertThat(store.gatewaySecretHash("nope")).isEmpty();
    }

    /**
     * Verifies the user account life: an admin's reset ends the user's sessions, a disabled user's sessions end and
     * new ones are not valid, enabling keeps the password, the last enabled admin can be neither disabled nor
     * demoted, and a user's own change ends only the other sessions; every change is audited.
     */
    @Test
    void accountsAreResetDisabledAndKeepAnAdmin() {
        // GIVEN an admin and an operator with two sessions each
        store.createUser(new UserRecord("root", "hr", Role.ADMIN, null, "Root"));
        store.createUser(new UserRecord("bob", "hb", Role.OPERATOR, "street-1", "Bob"));
        Instant exp = clock.instant().plusSeconds(600);
        store.storeToken("b-1", "bob", exp);
        store.storeToken("b-2", "bob", exp);

        // WHEN bob changes his own password from session b-1 THEN only b-2 ends
        store.changeOwnPassword("bob", "hb2", "b-1");
        assertThat(store.user("bob").orElseThrow().passwordHash()).isEqualTo("hb2");
        assertThat(store.tokenSession("b-1", clock.instant())).isPresent();
        assertThat(store.tokenSession("b-2", clock.instant())).isEmpty();

        // WHEN the admin disables bob THEN his session ends and a token stored later opens nothing
        UserRecord off = store.updateUser("bob", new UserStore.UserChange(null, null, false, null, null, true), "root").orElseThrow();
        assertThat(off.disabled()).isTrue();
        assertThat(off.disabledAt()).isEqualTo(clock.instant());
        assertThat(store.tokenSession("b-1", clock.instant())).isEmpty();
        store.storeToken("b-3", "bob", exp);
        assertThat(store.tokenSession("b-3", clock.instant())).isEmpty();

        // WHEN enabled again with a new scope THEN the password is kept and sessions work again
        UserRecord on = store.updateUser("bob", new UserStore.UserChange(null, null, true, "street-2", null, false), "root").orElseThrow();
        assertThat(on.disabled()).isFalse();
        assertThat(on.passwordHash()).isEqualTo("hb2");
        assertThat(on.scopeNode()).isEqualTo("street-2");
        assertThat(store.tokenSession("b-3", clock.instant())).isPresent();

        // WHEN the admin resets bob's password THEN every session of his ends
        store.updateUser("bob", new UserStore.UserChange("hb3", null, false, null, null, null), "root");
        assertThat(store.tokenSession("b-3", clock.instant())).isEmpty();
        assertThat(store.user("bob").orElseThrow().passwordHash()).isEqualTo("hb3");

        // THEN the only admin can be neither disabled nor demoted, and a missing user is empty
        assertThatThrownBy(() -> store.updateUser("root", new UserStore.UserChange(null, null, false, null, null, true), "root"))
                .isInstanceOf(io.onegrid.hub.errors.HubException.class).hasMessageContaining("last enabled admin");
        assertThatThrownBy(() -> store.updateUser("root", new UserStore.UserChange(null, Role.OPERATOR, true, "street-1", null, null), "root"))
                .isInstanceOf(io.onegrid.hub.errors.HubException.class);
        assertThat(store.user("root").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(store.updateUser("nobody", new UserStore.UserChange(null, null, false, null, "x", null), "root")).isEmpty();
        assertThat(store.auditLog(Instant.EPOCH, 50)).extracting(AuditEntry::action)
                .contains("change password", "update user");
        assertThat(store.auditLog(Instant.EPOCH, 50)).filteredOn(a -> a.action().equals("update user"))
                .extracting(AuditEntry::detail).anyMatch(d -> d.contains("disabled") && d.contains("1 sessions ended"));
    }

    /**
     * Verifies the last-admin rule under concurrency: two admins disabling each other at the same moment, twenty
     * times over, never leave the hub without an enabled admin (one of each pair is refused).
     */
    @Test
    void twoAdminsDisablingEachOtherAtOnceLeaveOne() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String a = "adm-a" + round;
                String b = "adm-b" + round;
                store.createUser(new UserRecord(a, "h", Role.ADMIN, null, null));
                store.createUser(new UserRecord(b, "h", Role.ADMIN, null, null));
                // the earlier rounds' admins are disabled first, so a and b are the only enabled ones
                for (UserRecord u : store.users()) {
                    if (u.role() == Role.ADMIN && !u.disabled() && !u.username().equals(a) && !u.username().equals(b)) {
                        store.updateUser(u.username(), new UserStore.UserChange(null, null, false, null, null, true), a);
                    }
                }
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<?> x = pool.submit(() -> disable(together, b, a));
                java.util.concurrent.Future<?> y = pool.submit(() -> disable(together, a, b));
                x.get(30, java.util.concurrent.TimeUnit.SECONDS);
                y.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(store.users()).filteredOn(u -> u.role() == Role.ADMIN && !u.disabled()).as("round " + round)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Void disable(java.util.concurrent.CyclicBarrier together, String target, String by) throws Exception {
        together.await(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            store.updateUser(target, new UserStore.UserChange(null, null, false, null, null, true), by);
        } catch (io.onegrid.hub.errors.HubException refused) {
            assertThat(refused).hasMessageContaining("last enabled admin");
        }
        return null;
    }
}
