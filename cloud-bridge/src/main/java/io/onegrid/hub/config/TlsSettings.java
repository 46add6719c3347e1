package io.onegrid.hub.config;

import java.nio.file.Path;

/**
 * Server key material for one listener: either a PEM certificate chain and key ({@code certPem} and
 * {@code keyPem}) or a PKCS#12 key store ({@code pkcs12} and its password). Unused fields are null.
 */
public record TlsSettings(Path certPem, Path keyPem, Path pkcs12, String pkcs12Password) {

    public boolean isPem() {
        return certPem != null;
    }

    @Override
    public String toString() {
        return isPem() ? "TLS(pem " + certPem + ", " + keyPem + ")" : "TLS(pkcs12 " + pkcs12 + ")";
    }
}
