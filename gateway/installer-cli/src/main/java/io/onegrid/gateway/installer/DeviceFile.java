package io.onegrid.gateway.installer;

import io.onegrid.gateway.config.ConfigException;
import io.onegrid.gateway.config.GatewayConfig;
import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.profile.ProfileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.function.UnaryOperator;

/**
 * One gateway.yaml the devices command reads and edits. An edit is checked by the gateway's own parser, first on
 * the file as it is (so its problems are not blamed on the edit) and then on the result; only a result the gateway
 * would load is written, atomically and with the file's own mode, owner and group, so a refusal or a killed run
 * leaves the old file.
 */
final class DeviceFile {
    /** Refused: the message lists every problem as file:line:column: reason. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final Path file;
    private final GatewayConfigParser parser;

    /** @param baseDir what relative paths in the file resolve against, as for the gateway (its working directory) */
    DeviceFile(Path file, Path baseDir) {
        this.file = file;
        this.parser = new GatewayConfigParser(baseDir);
    }

    Path path() {
        return file;
    }

    GatewayConfig read() throws Refused, IOException {
        return check(text(), "");
    }

    /** Applies {@code edit} to the file's text and writes the result if the gateway would load it. */
    GatewayConfig edit(UnaryOperator<String> edit) throws Refused, IOException {
        String before = text();
        check(before, "; fix the file first (nothing was changed)");
        String after;
        try {
            after = edit.apply(before);
        } catch (ProfileException e) {
            throw new Refused(e.describe() + "\nnothing was changed");
        }
        GatewayConfig config = check(after, "\nafter this edit (line numbers as the file would be); nothing was changed");
        PosixFileAttributes was = Files.readAttributes(file, PosixFileAttributes.class);
        PrivateFiles.write(file, after.getBytes(StandardCharsets.UTF_8), was.permissions());
        keepOwner(was);
        return config;
    }

    /** The new file is the writer's (often root, by sudo); the service may read it only as the old owner or group. */
    private void keepOwner(PosixFileAttributes was) throws IOException {
        PosixFileAttributes now = Files.readAttributes(file, PosixFileAttributes.class);
        if (now.owner().equals(was.owner()) && now.group().equals(was.group())) return;
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (!now.owner().equals(was.owner())) view.setOwner(was.owner());
            if (!now.group().equals(was.group())) view.setGroup(was.group());
        } catch (IOException e) {
            throw new IOException("wrote " + file + ", but could not give it back to " + was.owner().getName() + ":"
                    + was.group().getName() + " (" + e.getMessage() + "); run: sudo chown " + was.owner().getName() + ":"
                    + was.group().getName() + " " + file, e);
        }
    }

    private String text() throws Refused, IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Refused(file + ": file does not exist; run onegrid-gateway provision first, or give --config FILE");
        }
    }

    private GatewayConfig check(String text, String suffix) throws Refused {
        try {
            return parser.parse(file.toString(), text);
        } catch (ConfigException e) {
            throw new Refused(e.getMessage() + suffix);
        }
    }
}
