package io.onegrid.driver.coap;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;

/**
 * Reads a DTLS pre-shared key from its file. The file holds the key as hexadecimal digits (whitespace and line
 * breaks ignored, so {@code xxd -p} output works and a trailing newline cannot silently become part of the key);
 * the ASCII key {@code secretPSK} is the file {@code 73656372657450534b}. A file that its group or others may read
 * is refused: the key is the device's only credential.
 */
final class PskKeyFile {
    /** Longest key accepted; DTLS PSKs are 16 to 64 bytes in practice. */
    static final int MAX_KEY_BYTES = 256;

    private PskKeyFile() {
    }

    /** The key's bytes; the exception's message says what is wrong with the file (never the key itself). */
    static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("PSK file " + file + " does not exist or is not a file");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IOException("PSK file " + file + " may be read by its group or others: refused "
                        + "(chmod 600 " + file + ")");
            }
        }
        if (Files.size(file) > MAX_KEY_BYTES * 4L) {
            throw new IOException("PSK file " + file + " is too large for a key (" + Files.size(file) + " bytes)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
        } catch (CharacterCodingException e) {
            throw new IOException("PSK file " + file + " is binary: it must hold the key as hex digits "
                    + "(xxd -p KEYFILE > " + file + ")");
        }
        if (text.isEmpty()) {
            throw new IOException("PSK file " + file + " is empty: it must hold the key in hex, such as 73656372657450534b");
        }
        if (text.length() % 2 != 0 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IOException("PSK file " + file + " does not hold hex digits in pairs: write the key in hex "
                    + "(printf %s KEY | xxd -p > " + file + ")");
        }
        byte[] key = HexFormat.of().parseHex(text);
        if (key.length > MAX_KEY_BYTES) {
            throw new IOException("PSK file " + file + " holds " + key.length + " bytes, more than " + MAX_KEY_BYTES);
        }
        return key;
    }
}
