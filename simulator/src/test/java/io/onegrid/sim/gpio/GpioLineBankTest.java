package io.onegrid.sim.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpioLineBankTest {
    private static final String SCENARIO = "name: g\ndevices:\n"
            + "  - {id: s, profile: smoke-detector-gpio, gpio: {smoke: f.smoke, siren: f.siren}}\n";

    private Simulation sim() {
        return new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("g.yaml", SCENARIO));
    }

    /** Active-LOW inputs read 0 while true; active-HIGH outputs read 1 while on. */
    @Test
    void mapsLogicalValuesToElectricalLevels() {
        try (Simulation sim = sim()) {
            GpioLineBank bank = sim.gpio();
            // GIVEN no smoke and the siren off: the pulled-up smoke line is high, the siren line low
            assertThat(bank.snapshot()).containsExactly(new GpioLineBank.Level("f.smoke", 1),
                    new GpioLineBank.Level("f.siren", 0));
            // WHEN smoke is set
            sim.device("s").set("smoke", true);
            // THEN the smoke line goes low
            assertThat(bank.level("f.smoke")).isEqualTo(0);
        }
    }

    /** SET drives an output, records it on the device and is broadcast; SET on an input or unknown line is refused. */
    @Test
    void setDrivesOutputsOnly() {
        try (Simulation sim = sim()) {
            GpioLineBank bank = sim.gpio();
            List<String> seen = new ArrayList<>();
            bank.snapshotAndObserve((name, level) -> seen.add(name + "=" + level));
            // WHEN a client sets the siren high, twice
            bank.set("f.siren", 1);
            bank.set("f.siren", 1);
            // THEN the device's siren channel is on and both SETs were broadcast
            assertThat(sim.device("s").value("siren")).isEqualTo(true);
            assertThat(seen).containsExactly("f.siren=1", "f.siren=1");
            // AND inputs and unknown lines cannot be set
            assertThatThrownBy(() -> bank.set("f.smoke", 0)).hasMessageContaining("is an input");
            assertThatThrownBy(() -> bank.set("nope", 0)).hasMessageContaining("unknown line nope");
        }
    }
}
