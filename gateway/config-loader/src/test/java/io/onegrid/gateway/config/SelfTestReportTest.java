package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfTestReportTest {
    private static SelfTestReport.Bundle bundle(String state, boolean fragment) {
        return new SelfTestReport.Bundle("b", "1.0.0", state, fragment);
    }

    private static SelfTestReport.Component component(String state, String... pids) {
        return new SelfTestReport.Component("b", "c", state, List.of(pids), "", false);
    }

    /** The components under test beside an active one for each PID the configuration file provides. */
    private static List<SelfTestReport.Component> withSingletons(SelfTestReport.Component... under) {
        List<SelfTestReport.Component> all = new ArrayList<>(List.of(under));
        SelfTestReport.PROVIDED_PIDS.forEach(pid -> all.add(component("ACTIVE", pid)));
        return all;
    }

    /** Active bundles, resolved fragments and active or satisfied components pass. */
    @Test
    void passesWhenEverythingIsUp() {
        SelfTestReport r = new SelfTestReport(List.of(bundle("ACTIVE", false), bundle("RESOLVED", true)),
                withSingletons(component("ACTIVE"), component("SATISFIED")), List.of());

        assertThat(r.passed()).isTrue();
        assertThat(r.lines()).last().asString().startsWith("SELFTEST PASS");
    }

    /**
     * GIVEN an immediate component still SATISFIED (SCR has not finished activating it) THEN the self test is
     * not passed yet, so it waits on instead of reporting a component as up before its activation ran.
     */
    @Test
    void waitsForImmediateComponentsToBeActive() {
        SelfTestReport.Component activating = new SelfTestReport.Component("b", "c", "SATISFIED", List.of(), "", true);
        SelfTestReport.Component active = new SelfTestReport.Component("b", "c", "ACTIVE", List.of(), "", true);

        assertThat(new SelfTestReport(List.of(), withSingletons(activating), List.of()).passed()).isFalse();
        assertThat(new SelfTestReport(List.of(), withSingletons(active), List.of()).passed()).isTrue();
    }

    /**
     * GIVEN a component SCR has not enabled yet (it enables a bundle's components one by one; the CI run that caught
     * this had the uplink missing from a passing snapshot) THEN the self test is not passed yet and marks it.
     */
    @Test
    void waitsForComponentsNotEnabledYet() {
        SelfTestReport.Component notYet = new SelfTestReport.Component("io.onegrid.uplink-mqtt", "UplinkComponent",
                "NOT_ENABLED", List.of("io.onegrid.uplink"), "(SCR has not enabled it yet)", true);

        SelfTestReport r = new SelfTestReport(List.of(), withSingletons(notYet), List.of());

        assertThat(r.passed()).isFalse();
        assertThat(r.lines()).anyMatch(l -> l.contains("UplinkComponent") && l.endsWith("<-- NOT UP"));
    }

    /** An unsatisfied component or a bundle that did not start fails, and is marked in the output. */
    @Test
    void failsOnAnythingDown() {
        SelfTestReport r = new SelfTestReport(List.of(bundle("RESOLVED", false)),
                withSingletons(component("UNSATISFIED_REFERENCE")), List.of());

        assertThat(r.passed()).isFalse();
        assertThat(r.lines()).filteredOn(l -> l.endsWith("<-- NOT UP")).hasSize(2);
        assertThat(r.lines()).last().asString().startsWith("SELFTEST FAIL (2 not up)");
    }

    /** A component waiting for a device configuration is fine; one waiting for a file-provided PID is not. */
    @Test
    void judgesMissingConfigurationByPid() {
        assertThat(new SelfTestReport(List.of(), withSingletons(component("NO_CONFIG", Pids.DEVICE_FACTORY)), List.of())
                .passed()).isTrue();
        assertThat(new SelfTestReport(List.of(), List.of(component("NO_CONFIG", Pids.UPLINK)), List.of())
                .passed()).isFalse();
    }

    /** An immediate component still SATISFIED is being activated: not up yet, so the self test waits for it. */
    @Test
    void waitsForImmediateComponentsToActivate() {
        SelfTestReport.Component activating = new SelfTestReport.Component("b", "c", "SATISFIED", List.of(), "", true);
        SelfTestReport.Component delayed = new SelfTestReport.Component("b", "d", "SATISFIED", List.of(), "", false);

        assertThat(new SelfTestReport(List.of(), withSingletons(activating), List.of()).passed()).isFalse();
        assertThat(new SelfTestReport(List.of(), withSingletons(delayed), List.of()).passed()).isTrue();
    }

    /**
     * GIVEN a snapshot taken before SCR has read the uplink bundle's descriptors (no component takes the
     * uplink PID at all) THEN the self test is not passed: it waits, and when time runs out it names the PID.
     */
    @Test
    void failsWhenAFileProvidedPidHasNoComponent() {
        List<SelfTestReport.Component> withoutUplink = new ArrayList<>(withSingletons());
        withoutUplink.removeIf(c -> c.pids().contains(Pids.UPLINK));

        SelfTestReport r = new SelfTestReport(List.of(), withoutUplink, List.of());

        assertThat(r.passed()).isFalse();
        assertThat(r.lines()).contains("SELFTEST configuration " + Pids.UPLINK + " has no component to take it  <-- NOT UP");
        assertThat(r.lines()).last().asString().startsWith("SELFTEST FAIL (1 not up)");
    }
}
