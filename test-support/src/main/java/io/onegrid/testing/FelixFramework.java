package io.onegrid.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * A real Apache Felix for a bundle's integration test: started on a throw-away storage folder, with the gateway's
 * runtime (SPI Fly, slf4j 2, Declarative Services, Configuration Admin, Metatype) and the bundle under test installed
 * from the test class path, stopped on close. Bundle classes live in the framework's class loaders, not the test's,
 * so services are reached by name and called by reflection ({@link #invoke}).
 */
public final class FelixFramework implements AutoCloseable {
    /**
     * The gateway's runtime as jar-name prefixes, in start order: the SPI Fly framework extension and slf4j first,
     * as in gateway/assembly (slf4j-api 2 needs a service-loader processor and a provider to resolve).
     */
    public static final List<String> RUNTIME = List.of("org.apache.aries.spifly.dynamic.framework.extension-",
            "slf4j-api-", "slf4j-simple-", "org.osgi.service.component-", "org.osgi.util.promise-",
            "org.osgi.util.function-", "org.osgi.service.log-", "org.apache.felix.scr-", "org.apache.felix.configadmin-",
            "org.apache.felix.metatype-", "snakeyaml-");
    /** Our own bundles a driver needs besides the runtime, as jar-name prefixes. */
    public static final List<String> API_AND_PROFILES = List.of("api-0", "device-profiles-0");
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private final Framework framework;

    private FelixFramework(Framework framework) {
        this.framework = framework;
    }

    /** Starts an empty Felix whose bundle cache lives in {@code storage} (DS logs warnings only). */
    public static FelixFramework start(Path storage) throws Exception {
        Framework framework = ServiceLoader.load(org.osgi.framework.launch.FrameworkFactory.class).iterator().next()
                .newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                        Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                        "ds.loglevel", "warn"));
        framework.start();
        return new FelixFramework(framework);
    }

    /** The packaged bundle under test, which the module's failsafe configuration names in system property {@code key}. */
    public static Path builtBundle(String key) {
        String jar = System.getProperty(key);
        if (jar == null) throw new AssertionError("failsafe passes the packaged bundle as system property " + key);
        return Path.of(jar);
    }

    /** The first jar on the test class path whose file name starts with {@code prefix}. */
    public static Path classPathJar(String prefix) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && new File(e).getName().startsWith(prefix)).findFirst().map(Path::of)
                .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar on the test class path; see the test"
                        + " dependencies in the module's pom.xml"));
    }

    /**
     * Installs the class-path jars named by {@code prefixes} in their order, then {@code bundle}, and starts every one
     * that is not a fragment; returns {@code bundle}'s Bundle.
     */
    public Bundle installAndStart(List<String> prefixes, Path bundle) throws Exception {
        BundleContext context = context();
        List<Bundle> installed = new ArrayList<>();
        for (String prefix : prefixes) {
            installed.add(context.installBundle(classPathJar(prefix).toUri().toString()));
        }
        Bundle ours = context.installBundle(bundle.toUri().toString());
        installed.add(ours);
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) b.start();
        }
        return ours;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * The first service of {@code type} matching {@code filter} (may be null), or null while there is none.
     * getAllServiceReferences skips the class-space check, which would hide it: the test class path has its own
     * copies of our packages, visible to the system bundle.
     */
    public ServiceReference<?> reference(String type, String filter) throws Exception {
        ServiceReference<?>[] refs = context().getAllServiceReferences(type, filter);
        return refs == null ? null : refs[0];
    }

    /** The service object of {@link #reference}, or null while there is none. */
    public Object service(String type, String filter) throws Exception {
        ServiceReference<?> ref = reference(type, filter);
        return ref == null ? null : context().getService(ref);
    }

    /** Waits for the service (Awaitility's default timeout); a timeout lists every bundle and service. */
    public Object awaitService(String type, String filter) {
        try {
            return await(type + (filter == null ? "" : filter)).until(() -> service(type, filter), s -> s != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + type + (filter == null ? "" : filter) + " service; framework has:" + describe(), e);
        }
    }

    /** Sets the properties of the singleton configuration {@code pid} through Configuration Admin. */
    public void configure(String pid, Map<String, ?> properties) throws Exception {
        update(configurationAdmin("getConfiguration", pid), properties);
    }

    /** Creates a new factory configuration of {@code factoryPid} with these properties. */
    public void configureFactory(String factoryPid, Map<String, ?> properties) throws Exception {
        update(configurationAdmin("createFactoryConfiguration", factoryPid), properties);
    }

    private Object configurationAdmin(String method, String pid) throws Exception {
        ServiceReference<?> ref = reference(CONFIGURATION_ADMIN, null);
        if (ref == null) throw new AssertionError("no Configuration Admin; framework has:" + describe());
        Class<?> type = ref.getBundle().loadClass(CONFIGURATION_ADMIN);
        // location "?": bound to whichever bundle asks for it first, i.e. the component under test
        return type.getMethod(method, String.class, String.class).invoke(context().getService(ref), pid, "?");
    }

    private static void update(Object configuration, Map<String, ?> properties) throws Exception {
        Class<?> type = configuration.getClass().getClassLoader().loadClass("org.osgi.service.cm.Configuration");
        type.getMethod("update", Dictionary.class).invoke(configuration, new Hashtable<String, Object>(properties));
    }

    /** Bundle states and registered services, so a failure says what was missing. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context().getBundles()) {
            out.append("\n  bundle ").append(b.getSymbolicName()).append(" state=").append(b.getState());
        }
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(null, null);
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                out.append("\n  service ").append(Arrays.toString((String[]) ref.getProperty(Constants.OBJECTCLASS)));
            }
        } catch (Exception e) {
            out.append("\n  (services not listed: ").append(e).append(')');
        }
        return out.toString();
    }

    /** Calls the public method {@code name(types)} of an object from a bundle's class loader. */
    public static Object invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(name) && Arrays.equals(m.getParameterTypes(), types))
                .findFirst().orElseThrow(() -> new NoSuchMethodException(target.getClass().getName() + "." + name));
        // a public method of a class the bundle does not export
        method.setAccessible(true);
        return method.invoke(target, args);
    }

    /** Stops the framework and waits for it (every bundle stopped, their threads told to end). */
    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
