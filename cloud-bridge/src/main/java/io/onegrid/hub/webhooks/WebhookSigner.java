package io.onegrid.hub.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code X-OneGrid-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code timestamp} the {@code X-OneGrid-Timestamp} header (unix seconds). Signing the timestamp with the body
 * lets a receiver refuse an old request replayed to it; the secret is its UTF-8 bytes.
 */
public final class WebhookSigner {
    public static final String EVENT_ID = "X-OneGrid-Event-Id";
    public static final String DELIVERY = "X-OneGrid-Delivery";
    public static final String TIMESTAMP = "X-OneGrid-Timestamp";
    public static final String SIGNATURE = "X-OneGrid-Signature";
    static final String PREFIX = "sha256=";

    private WebhookSigner() { }

    /** The {@code X-OneGrid-Signature} value for {@code body} sent at {@code unixSeconds}. */
    public static String signature(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
