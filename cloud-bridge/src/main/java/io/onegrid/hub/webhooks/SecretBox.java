package io.onegrid.hub.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals webhook signing secrets for the database. A secret must stay usable for HMAC, so it cannot be hashed like a
 * password; it is encrypted with AES-256-GCM under a key kept in a file beside (not in) the database, so a copy of
 * the database or of its backups alone does not give the secrets away. Sealed form: {@code v1:} + base64 of a
 * random 12-byte nonce followed by the ciphertext and its tag.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecureRandom random;
    private SecretKeySpec key;

    private SecretBox(Path file, SecureRandom random) {
        this.file = file;
        this.random = random;
    }

    /**
     * The box whose key is in {@code file} (one line of base64). A file that is there is read now, so a damaged one
     * stops the start; a missing one is made, readable by the hub's user only, when the first secret is sealed, so a
     * hub that never uses webhooks needs no writable place for it. Hub nodes that share a database must share the file.
     */
    public static SecretBox open(Path file, SecureRandom random) {
        SecretBox box = new SecretBox(file, random);
        if (Files.exists(file)) box.key(false);
        return box;
    }

    /** Where the key is, for messages. */
    public Path file() {
        return file;
    }

    private synchronized SecretKeySpec key(boolean create) {
        if (key != null) return key;
        try {
            if (!Files.exists(file)) {
                if (!create) throw new IllegalStateException("the webhook key file " + file + " is missing");
                create(file, random);
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("webhook key file " + file + " does not hold a 32-byte key in base64");
            }
            key = new SecretKeySpec(bytes, "AES");
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read or make the webhook key file " + file + ": " + e, e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
            // another hub process made it first: use theirs
        }
    }

    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return VERSION + Base64.getEncoder().encodeToString(out);
    }

    /** The secret; throws {@link IllegalStateException} when it was sealed under another key or was altered. */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) throw new IllegalStateException("not a sealed webhook secret");
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("not a sealed webhook secret", e);
        }
        if (in.length <= NONCE_BYTES) throw new IllegalStateException("not a sealed webhook secret");
        byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, body), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key(mode == Cipher.ENCRYPT_MODE), new GCMParameterSpec(TAG_BITS, nonce));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the webhook secret cannot be decrypted with the key in " + file
                    + " (was the key file replaced?)", e);
        }
    }
}
