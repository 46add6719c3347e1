package io.onegrid.gateway.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Takes a {@link SelfTestReport} snapshot of the running framework through SCR's runtime DTOs. */
final class OsgiSnapshot {
    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    OsgiSnapshot(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    SelfTestReport take() {
        List<SelfTestReport.Bundle> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0) continue;
            BundleRevision rev = b.adapt(BundleRevision.class);
            boolean fragment = rev != null && (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            bundles.add(new SelfTestReport.Bundle(b.getSymbolicName(), b.getVersion().toString(),
                    stateName(b.getState()), fragment));
        }
        List<SelfTestReport.Component> components = new ArrayList<>();
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs());
        descriptions.sort(Comparator.comparing(d -> d.name));
        for (ComponentDescriptionDTO d : descriptions) {
            String bundle = d.bundle.symbolicName;
            List<String> pids = Arrays.asList(d.configurationPid);
            if (!scr.isComponentEnabled(d)) {
                // SCR enables a bundle's components one after another: one it has not enabled yet is not up (a
                // snapshot taken then passed without the uplink); one disabled on purpose is none of ours
                if (d.defaultEnabled) {
                    components.add(new SelfTestReport.Component(bundle, d.name, "NOT_ENABLED", pids,
                            "(SCR has not enabled it yet)", d.immediate));
                }
                continue;
            }
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                components.add(new SelfTestReport.Component(bundle, d.name, "NO_CONFIG", pids,
                        "(waits for configuration " + String.join(", ", pids) + ")", d.immediate));
            }
            for (ComponentConfigurationDTO c : configs) {
                Object pid = c.properties == null ? null : c.properties.get(Constants.SERVICE_PID);
                String name = pid == null || Arrays.asList(d.configurationPid).contains(pid) ? d.name
                        : d.name + " (" + pid + ")";
                components.add(new SelfTestReport.Component(bundle, name, componentState(c.state), pids,
                        detail(c), d.immediate));
            }
        }
        return new SelfTestReport(bundles, components, ourServices());
    }

    /** Services our bundles registered, with their onegrid.* properties (e.g. FieldDriver onegrid.protocol=gpio). */
    private List<String> ourServices() {
        List<String> out = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, null);
            if (refs == null) return out;
            for (ServiceReference<?> ref : refs) {
                String bsn = ref.getBundle() == null ? "" : ref.getBundle().getSymbolicName();
                if (bsn == null || !bsn.startsWith("io.onegrid.")) continue;
                String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
                if (Arrays.stream(classes).allMatch(c -> c.startsWith("org.osgi."))) continue;
                String props = Arrays.stream(ref.getPropertyKeys()).filter(k -> k.startsWith("onegrid."))
                        .sorted().map(k -> k + "=" + ref.getProperty(k)).collect(Collectors.joining(" "));
                out.add(String.join(",", classes) + " [" + bsn + "]" + (props.isEmpty() ? "" : " " + props));
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        out.sort(null);
        return out;
    }

    private static String detail(ComponentConfigurationDTO c) {
        StringBuilder sb = new StringBuilder();
        if (c.unsatisfiedReferences != null && c.unsatisfiedReferences.length > 0) {
            sb.append("(missing ");
            sb.append(Arrays.stream(c.unsatisfiedReferences).map(OsgiSnapshot::describe)
                    .collect(Collectors.joining(", ")));
            sb.append(")");
        }
        if (c.failure != null && !c.failure.isBlank()) {
            String first = c.failure.lines().findFirst().orElse("");
            sb.append(sb.length() > 0 ? " " : "").append("(failed: ").append(first).append(")");
        }
        return sb.toString();
    }

    private static String describe(UnsatisfiedReferenceDTO r) {
        return r.name + (r.target == null ? "" : " " + r.target);
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "STATE_" + state;
        };
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
