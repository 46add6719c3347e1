package io.onegrid.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made at test time with the openssl command line, using the commands of
 * docs/tls.md, so no private key is ever committed and the documented commands are exercised. openssl is a
 * {@link ThirdPartyPeers third-party peer}: tests using it skip where it is missing, and fail in CI.
 */
public final class TestPki {
    public final Path dir;
    public final Path caCert;

    /** A server's PEM certificate and key, and the same in a PKCS#12 key store protected by {@code p12Password}. */
    public record Server(Path cert, Path key, Path p12, String p12Password) { }

    private TestPki(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.crt");
    }

    /** The openssl executable; skips the test where it is missing, fails it in CI. */
    public static String openssl() {
        return ThirdPartyPeers.require("openssl", "openssl").toString();
    }

    /** A new CA (EC P-256) named {@code commonName} in {@code dir}: ca.crt and ca.key. */
    public static TestPki create(Path dir, String commonName) throws Exception {
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
     * as {@code name}.crt/.key/.p12.
     */
    public Server server(String name, String subjectAltNames) throws Exception {
        run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + name,
                "-keyout", name + ".key", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=" + subjectAltNames + "\n");
        run("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30",
                "-sha256", "-extfile", name + ".ext", "-out", name + ".crt");
        String password = "p12-" + name + "-" + Long.toHexString(System.nanoTime());
        runWithEnv(Map.of("P12_PASSWORD", password), "pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key",
                "-certfile", "ca.crt", "-name", name, "-passout", "env:P12_PASSWORD", "-out", name + ".p12");
        return new Server(dir.resolve(name + ".crt"), dir.resolve(name + ".key"), dir.resolve(name + ".p12"), password);
    }

    /** A TLS context that trusts only this CA. */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (var in = Files.newInputStream(caCert)) {
            int i = 0;
            for (Certificate c : cf.generateCertificates(in)) trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private void run(String... args) throws Exception {
        runWithEnv(Map.of(), args);
    }

    private void runWithEnv(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(openssl());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
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
