package io.onegrid.driver.gpio;

import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpioDriverComponentTest {

    private static GpioConfig config(String backend, String address) {
        return new GpioConfig() {
            @Override
            public String backend() {
                return backend;
            }

            @Override
            public String simulatorAddress() {
                return address;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return GpioConfig.class;
            }
        };
    }

    /** Backend names are checked and normalised; the simulator address is parsed once. */
    @Test
    void settingsAreChecked() {
        var settings = GpioDriverComponent.Settings.of(config(" Simulator ", "127.0.0.1:7021"));

        assertThat(settings.backend()).isEqualTo("simulator");
        assertThat(settings.simulator()).isEqualTo(new HostPort("127.0.0.1", 7021));
        assertThat(GpioDriverComponent.Settings.of(config("pi4j", "[::1]:7021")).simulator().host()).isEqualTo("::1");
    }

    /** An unknown backend or a bad simulator address is refused with the PID and the bad value. */
    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> GpioDriverComponent.Settings.of(config("wiringpi", "127.0.0.1:7021")))
                .hasMessageContaining("io.onegrid.gpio").hasMessageContaining("'wiringpi'");
        assertThatThrownBy(() -> GpioDriverComponent.Settings.of(config("simulator", "localhost")))
                .hasMessageContaining("simulatorAddress").hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> GpioDriverComponent.Settings.of(config("simulator", "localhost:99999")))
                .hasMessageContaining("1..65535");
    }
}
