package io.onegrid.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature receivers check. */
class WebhookSignerTest {

    /**
     * GIVEN a secret, a timestamp and a body WHEN signed THEN the value is sha256= and the hex HMAC-SHA256 of
     * "timestamp.body", the same as Python's hmac module computes (python3 -c "import hmac,hashlib;
     * print(hmac.new(b'whsec-test-0123456789abcdef', b'1796083200.' + body, hashlib.sha256).hexdigest())").
     */
    @Test
    void knownVector() {
        String body = "{\"eventId\":42,\"kind\":\"case\",\"change\":\"opened\"}";

        assertThat(WebhookSigner.signature("whsec-test-0123456789abcdef", 1_796_083_200L, body))
                .isEqualTo("sha256=5367ed21aa93c1da6d5eeb95d6436c62eb5bc264b17e68c408822152f29c422e");
    }

    /** GIVEN one body WHEN signed at another second or with another secret THEN the signature differs. */
    @Test
    void timestampAndSecretAreSigned() {
        String a = WebhookSigner.signature("whsec-test-0123456789abcdef", 1_796_083_200L, "{}");

        assertThat(WebhookSigner.signature("whsec-test-0123456789abcdef", 1_796_083_201L, "{}")).isNotEqualTo(a);
        assertThat(WebhookSigner.signature("whsec-test-0123456789abcdeF", 1_796_083_200L, "{}")).isNotEqualTo(a);
    }
}
