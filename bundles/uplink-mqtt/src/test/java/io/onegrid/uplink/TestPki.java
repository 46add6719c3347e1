package io.onegrid.uplink;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made at test time with the openssl command line, using the commands of
 * docs/tls.md, so no private key is ever committed and the documented commands are exercised (cloud-bridge's
 * tests have the same helper). Tests using it skip (JUnit assumption) where openssl is not installed.
 */
final class TestPki {
    final Path dir;
    final Path caCert;

    /** A server's PEM certificate and key. */
    record Server(Path cert, Path key) { }

    private TestPki(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.crt");
    }

    /** The openssl executable on PATH, or null. */
    static String openssl() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(p, "openssl");
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    /** A new CA (EC P-256) named {@code commonName} in {@code dir}: ca.crt and ca.key. */
    static TestPki create(Path dir, String commonName) throws Exception {
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        pki.run("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-sha256",
                "-days", "30", "-subj", "/CN=" + commonName,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", "ca.key", "-out", "ca.crt");
        return pki;
    }

    /**
     * A server certificate signed by this CA for {@code subjectAltNames} (e.g. "DNS:localhost,IP:127.0.0.1"),
     * as {@code name}.crt and {@code name}.key.
     */
    Server server(String name, String subjectAltNames) throws Exception {
        run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + name,
                "-keyout", name + ".key", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=" + subjectAltNames + "\n");
        run("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30",
                "-sha256", "-extfile", name + ".ext", "-out", name + ".crt");
        return new Server(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    private void run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(openssl());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl " + args[0] + " hung");
        }
        if (p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed (" + p.exitValue() + "): "
                    + new String(out, StandardCharsets.UTF_8));
        }
    }
}
