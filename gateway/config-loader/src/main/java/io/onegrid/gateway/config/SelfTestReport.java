package io.onegrid.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The verdict of the self test over one snapshot of bundle and component states. A bundle is up when
 * ACTIVE (a fragment when RESOLVED); a component when ACTIVE or SATISFIED. A component that waits for a
 * configuration nobody gave it (a per-device component with no devices) is fine, unless it waits for one
 * of the singleton PIDs the configuration file always provides: then something is wrong. Each of those PIDs
 * must also have a component at all: a snapshot taken before SCR has read a bundle's descriptors would
 * otherwise pass without the uplink in it.
 */
public record SelfTestReport(List<Bundle> bundles, List<Component> components, List<String> services) {
    /** One bundle: symbolic name, version, state name, whether it is a fragment. */
    public record Bundle(String name, String version, String state, boolean fragment) {
        boolean up() {
            return fragment ? state.equals("RESOLVED") || state.equals("ACTIVE") : state.equals("ACTIVE");
        }
    }

    /**
     * One component configuration (or a component without any: state NO_CONFIG), with what it waits for.
     * SATISFIED is up for a delayed component (it activates when first used) but not yet for an immediate one:
     * SCR is still activating it, and a report taken at that moment would call a session that is not running yet up.
     */
    public record Component(String bundle, String name, String state, List<String> pids, String detail,
                            boolean immediate) {
        public Component(String bundle, String name, String state, List<String> pids, String detail) {
            this(bundle, name, state, pids, detail, false);
        }

        boolean up(Set<String> providedPids) {
            if (state.equals("ACTIVE") || state.equals("SATISFIED") && !immediate) return true;
            return state.equals("NO_CONFIG") && pids.stream().noneMatch(providedPids::contains);
        }
    }

    public SelfTestReport {
        bundles = List.copyOf(bundles);
        components = List.copyOf(components);
        services = List.copyOf(services);
    }

    public static final Set<String> PROVIDED_PIDS = Set.of(Pids.UPLINK, Pids.OUTBOX, Pids.GPIO, Pids.PROFILES);

    public boolean passed() {
        return bundles.stream().allMatch(Bundle::up)
                && components.stream().allMatch(c -> c.up(PROVIDED_PIDS)) && unclaimedPids().isEmpty();
    }

    /** The provided singleton PIDs that no component in this snapshot takes. */
    List<String> unclaimedPids() {
        return PROVIDED_PIDS.stream().sorted()
                .filter(pid -> components.stream().noneMatch(c -> c.pids().contains(pid))).toList();
    }

    /** Lines for stdout, each starting with "SELFTEST" so scripts and tests can pick them out. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Bundle b : bundles) {
            out.add("SELFTEST bundle " + b.name() + " " + b.version() + " " + b.state()
                    + (b.fragment() ? " (fragment)" : "") + (b.up() ? "" : "  <-- NOT UP"));
        }
        for (Component c : components) {
            out.add("SELFTEST component " + c.name() + " [" + c.bundle() + "] " + c.state()
                    + (c.detail().isEmpty() ? "" : " " + c.detail()) + (c.up(PROVIDED_PIDS) ? "" : "  <-- NOT UP"));
        }
        for (String pid : unclaimedPids()) {
            out.add("SELFTEST configuration " + pid + " has no component to take it  <-- NOT UP");
        }
        for (String s : services) {
            out.add("SELFTEST service " + s);
        }
        long bad = bundles.stream().filter(b -> !b.up()).count()
                + components.stream().filter(c -> !c.up(PROVIDED_PIDS)).count() + unclaimedPids().size();
        out.add("SELFTEST " + (passed() ? "PASS" : "FAIL (" + bad + " not up)") + ": " + bundles.size()
                + " bundles, " + components.size() + " components");
        return out;
    }
}
