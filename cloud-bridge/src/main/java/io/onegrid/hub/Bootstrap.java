package io.onegrid.hub;

import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.UserRecord;
import io.onegrid.hub.cases.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** First-start work: the admin user, and the gateways registered from configuration. */
final class Bootstrap {
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() { }

    /** The file a generated admin password goes to when the hub's output is the journal. */
    static final String ADMIN_PASSWORD_FILE = "initial-admin-password";

    /** {@link #ensureAdmin(HubStore, PasswordHasher, Secrets, HubConfig, PrintStream, boolean)} as the process runs. */
    static void ensureAdmin(HubStore store, PasswordHasher hasher, Secrets secrets, HubConfig config, PrintStream out) {
        // systemd sets JOURNAL_STREAM when our output is the journal, which anyone in group adm may read
        ensureAdmin(store, hasher, secrets, config, out, System.getenv("JOURNAL_STREAM") != null);
    }

    /**
     * Creates user admin if missing. A generated password is shown once: printed to {@code out} on a terminal or
     * a pipe; when the output is the journal, written to {@value #ADMIN_PASSWORD_FILE} in the data folder (mode 0600,
     * the hub's user) and only the file named, so no log ever holds it. It cannot be shown again (its hash is all the
     * hub keeps).
     */
    static void ensureAdmin(HubStore store, PasswordHasher hasher, Secrets secrets, HubConfig config, PrintStream out,
                            boolean toJournal) {
        if (store.user(ADMIN).isPresent()) return;
        Optional<String> given = config.adminPassword();
        String password = given.orElseGet(() -> secrets.password(24));
        Path file = config.dataDir().resolve(ADMIN_PASSWORD_FILE);
        // written before the user exists: a hub that cannot write it must not leave an admin nobody can log in as
        boolean toFile = given.isEmpty() && toJournal;
        if (toFile) writePrivate(file, password);
        if (store.createUser(new UserRecord(ADMIN, hasher.hash(password), Role.ADMIN, null, "Administrator"))) {
            if (given.isPresent()) {
                LOG.info("created user admin with the password from ONEGRID_ADMIN_PASSWORD");
            } else if (toFile) {
                out.println("Admin login: " + ADMIN + ", generated password in " + file
                        + " (mode 0600): read it, log in, then delete the file");
                out.flush();
            } else {
                out.println("Admin login: " + ADMIN + " / " + password);
                out.flush();
            }
        } else if (toFile) {
            try {
                Files.deleteIfExists(file); // another hub on this database made the admin first
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", file, e.toString());
            }
        }
    }

    private static void writePrivate(Path file, String secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated admin password to " + file
                    + "; set ONEGRID_ADMIN_PASSWORD instead", e);
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
