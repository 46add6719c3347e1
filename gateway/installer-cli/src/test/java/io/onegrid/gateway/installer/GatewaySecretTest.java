package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewaySecretTest {

    /** GIVEN a random source WHEN secrets are made THEN each follows the hub's rules and none repeats. */
    @Test
    void generatedSecretsFollowTheHubsRules() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String s = GatewaySecret.generate(random);
            assertThat(GatewaySecret.problem(s)).isEmpty();
            assertThat(s).hasSize(GatewaySecret.GENERATED_LENGTH).matches("[A-Za-z0-9_-]+");
            seen.add(s);
        }
        assertThat(seen).hasSize(200);
    }

    /** GIVEN secrets too short, too long, with a space, a control or a non-ASCII character THEN each is refused without quoting it. */
    @Test
    void secretsTheHubWouldRefuseAreNamed() {
        assertThat(GatewaySecret.problem("x".repeat(15))).hasValueSatisfying(p -> assertThat(p).contains("15 characters"));
        assertThat(GatewaySecret.problem("x".repeat(257))).hasValueSatisfying(p -> assertThat(p).contains("16..256"));
        assertThat(GatewaySecret.problem("abcdefgh ijklmnop")).hasValueSatisfying(p -> assertThat(p).contains("position 9"));
        assertThat(GatewaySecret.problem("abcdefghijklmnop\t")).isPresent();
        assertThat(GatewaySecret.problem("abcdefghijklmnopé")).hasValueSatisfying(p -> assertThat(p).doesNotContain("abcdef"));
        assertThat(GatewaySecret.problem("x".repeat(16))).isEmpty();
        assertThat(GatewaySecret.problem("~".repeat(256))).isEmpty();
    }
}
