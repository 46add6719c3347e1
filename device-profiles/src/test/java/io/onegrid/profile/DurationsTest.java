package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The duration and window syntax round-trips and refuses what it does not define. */
class DurationsTest {
    /** Units ms, s, m, h, d combine; text without units is not a duration. */
    @Test
    void parsesDurations() {
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.parse("30")).isEmpty();
        assertThat(Durations.parse("1.5h")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.parse("5 s")).isEmpty();
        assertThat(Durations.parse("PT5S")).isEmpty();
    }

    /** Formatting gives the shortest form that parses back. */
    @Test
    void formatsDurations() {
        for (String s : new String[] {"250ms", "30s", "5m", "1h30m", "1d2h", "0s", "1s500ms"}) {
            assertThat(Durations.format(Durations.parse(s).orElseThrow())).isEqualTo(s);
        }
    }

    /** Windows are HH:MM-HH:MM, may cross midnight, and must not be empty. */
    @Test
    void parsesWindows() {
        LocalTime[] w = Durations.parseWindow("22:00-07:00").orElseThrow();
        assertThat(w).containsExactly(LocalTime.of(22, 0), LocalTime.of(7, 0));
        assertThat(Durations.parseWindow("07:00 - 22:30")).isPresent();
        assertThat(Durations.parseWindow("7:00-22:00")).isEmpty();
        assertThat(Durations.parseWindow("22:00-22:00")).isEmpty();
        assertThat(Durations.parseWindow("24:00-07:00")).isEmpty();
        assertThat(Durations.parseWindow("22:00")).isEmpty();
        assertThat(Durations.formatWindow(w[0], w[1])).isEqualTo("22:00-07:00");
    }
}
