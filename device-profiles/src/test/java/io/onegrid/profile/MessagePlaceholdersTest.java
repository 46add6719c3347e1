package io.onegrid.profile;

import static io.onegrid.profile.ProfileLoaderTest.MODBUS;
import static io.onegrid.profile.ProfileLoaderTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message's placeholders must be parameters its rule's kind has, or operators would read "{abov}". */
class MessagePlaceholdersTest {
    private static final String WITH_LIMIT = MODBUS.replace("message: Hydrant pressure below 0.10 MPa", "message: MSG");

    /** A placeholder the rule's kind has is filled with the rule's value. */
    @Test
    void knownPlaceholdersAreFilled() {
        DeviceProfile p = ProfileLoader.parse("t.yaml", WITH_LIMIT.replace("MSG", "Below {below} MPa for {minDuration}"));

        assertThat(p.alarm("low-pressure").orElseThrow().title()).isEqualTo("Below 0.1 MPa for 30s");
    }

    /** A misspelt placeholder is reported on the message's line with the one meant. */
    @Test
    void typoIsReported() {
        assertProblem(WITH_LIMIT.replace("MSG", "Pressure below {belw} MPa"), 28, "the message names {belw}",
                "did you mean 'below'?");
    }

    /** A placeholder of another kind is reported with the kinds it belongs to and what this kind can use. */
    @Test
    void otherKindsPlaceholderIsReported() {
        assertProblem(WITH_LIMIT.replace("MSG", "Quiet for {inactivity}"), 28, "{inactivity} belongs to inactivity rules",
                "A threshold rule's message can use: {below}, {above}, {hysteresis}, {minDuration}");
    }

    /** An overridden message is checked the same way. */
    @Test
    void overriddenMessageIsChecked() {
        DeviceProfile p = ProfileLoader.parse("t.yaml", MODBUS);

        ProfileException e = catchThrowableOfType(ProfileException.class,
                () -> ProfileOverrides.apply(p, Map.of("low-pressure.message", "Below {abov}")));

        assertThat(e.problem()).contains("after overrides", "the message names {abov}");
    }
}
