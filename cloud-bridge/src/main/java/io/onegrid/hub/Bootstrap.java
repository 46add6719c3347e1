package io.onegrid.hub;

import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.UserRecord;
import io.onegrid.hub.cases.Role;
import java.io.PrintStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** First-start work: the admin user, and the gateways registered from configuration. */
final class Bootstrap {
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() { }

    /**
     * Creates user admin if missing. A generated password is printed to {@code out} once, and nowhere
     * else; it cannot be shown again (its hash is all the hub keeps).
     */
    static void ensureAdmin(HubStore store, PasswordHasher hasher, Secrets secrets, HubConfig config, PrintStream out) {
        if (store.user(ADMIN).isPresent()) return;
        Optional<String> given = config.adminPassword();
        String password = given.orElseGet(() -> secrets.password(24));
        if (store.createUser(new UserRecord(ADMIN, hasher.hash(password), Role.ADMIN, null, "Administrator"))) {
            if (given.isPresent()) {
                LOG.info("created user admin with the password from ONEGRID_ADMIN_PASSWORD");
            } else {
                out.println("Admin login: " + ADMIN + " / " + password);
                out.flush();
            }
        }
    }

    /** Registers configured gateways, re-hashing only when the secret changed. */
    static void registerGateways(HubStore store, PasswordHasher hasher, HubConfig config) {
        for (GatewayCredential g : config.gateways()) {
            Optional<String> stored = store.gatewaySecretHash(g.gatewayId());
            if (stored.isPresent() && hasher.verify(g.secret(), stored.get())) continue;
            store.putGatewaySecret(g.gatewayId(), hasher.hash(g.secret()));
            LOG.info("gateway {} registered from configuration", g.gatewayId());
        }
    }
}
