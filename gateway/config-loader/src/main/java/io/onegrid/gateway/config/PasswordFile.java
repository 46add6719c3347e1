package io.onegrid.gateway.config;

import java.nio.file.Path;

/**
 * Where the uplink finds the hub password, as Configuration Admin may hold it: a path, never the secret.
 *
 * @param path  the file holding only the secret (the installer's hub.passwordFile, or the loader's copy of an
 *              inline hub.password)
 * @param stamp the file's size and modification time: not secret, but it changes when the file does, so a
 *              rotated secret changes the uplink's configuration and the uplink restarts and re-reads it
 */
public record PasswordFile(Path path, String stamp) {
}
