package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvisionRefusalsTest {

    private static HubClient.Answer answer(int status, String json, Long retryAfter) throws Exception {
        JsonNode body = HubClient.JSON.readTree(json);
        return new HubClient.Answer(status, body, Optional.ofNullable(retryAfter));
    }

    /** GIVEN each refusal the hub documents for POST /api/provision THEN the line names the cause and what to do next. */
    @Test
    void eachHubErrorCodeHasItsOwnAdvice() throws Exception {
        assertThat(ProvisionRefusals.explain(answer(403, "{\"error\":\"claim_invalid\",\"message\":\"m\"}", null)))
                .contains("claim code is wrong").contains("letter by letter");
        assertThat(ProvisionRefusals.explain(answer(410, "{\"error\":\"claim_used\"}", null)))
                .contains("used already").contains("new code");
        assertThat(ProvisionRefusals.explain(answer(410, "{\"error\":\"claim_expired\"}", null)))
                .contains("expired").contains("new code");
        assertThat(ProvisionRefusals.explain(answer(410, "{\"error\":\"claim_revoked\"}", null))).contains("revoked");
        assertThat(ProvisionRefusals.explain(answer(409, "{\"error\":\"gateway_taken\"}", null)))
                .contains("already registered").contains("--gateway-id");
        assertThat(ProvisionRefusals.explain(answer(400, "{\"error\":\"csr_invalid\"}", null)))
                .contains("hub-client.key").contains("still good");
        assertThat(ProvisionRefusals.explain(answer(400, "{\"error\":\"certificate_needs_tls\"}", null)))
                .contains("--credential password");
        assertThat(ProvisionRefusals.explain(answer(500, "{\"error\":\"internal\",\"message\":\"boom\"}", null)))
                .contains("HTTP 500").contains("boom");
    }

    /** GIVEN a clock_skew refusal with the hub's skew THEN the line says by how much, which way, and how to fix the clock. */
    @Test
    void clockSkewSaysByHowMuch() throws Exception {
        assertThat(ProvisionRefusals.explain(answer(400,
                "{\"error\":\"clock_skew\",\"skewMs\":-11520000,\"maxSkewMs\":300000}", null)))
                .contains("clock is 3h12m behind the hub's").contains("at most 5m").contains("timedatectl");
        assertThat(ProvisionRefusals.explain(answer(400, "{\"error\":\"clock_skew\",\"skewMs\":400000}", null)))
                .contains("6m40s ahead of the hub's");
    }

    /** GIVEN a rate_limited refusal THEN the line says when to retry, from Retry-After, else from retryAfterS. */
    @Test
    void rateLimitSaysWhenToRetry() throws Exception {
        assertThat(ProvisionRefusals.explain(answer(429, "{\"error\":\"rate_limited\",\"retryAfterS\":1}", 540L)))
                .contains("retry in 9m");
        assertThat(ProvisionRefusals.explain(answer(429, "{\"error\":\"rate_limited\",\"retryAfterS\":75}", null)))
                .contains("retry in 1m15s");
    }
}
