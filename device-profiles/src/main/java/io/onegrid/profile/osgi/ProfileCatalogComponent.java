package io.onegrid.profile.osgi;

import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.profile.ProfileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the gateway's {@link ProfileCatalog}: the shipped profiles plus the configured folder. A new
 * configuration swaps the catalog in place, so consumers keep their reference and see the new profiles.
 */
@Component(service = ProfileCatalog.class, configurationPid = ProfileCatalogComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProfileCatalogConfig.class)
public final class ProfileCatalogComponent implements ProfileCatalog {
    public static final String PID = "io.onegrid.profiles";
    private static final Logger LOG = LoggerFactory.getLogger(ProfileCatalogComponent.class);

    private volatile ProfileCatalog current;

    @Activate
    public ProfileCatalogComponent(ProfileCatalogConfig config) {
        this.current = build(config);
    }

    @Modified
    void modified(ProfileCatalogConfig config) {
        this.current = build(config);
    }

    static ProfileCatalog build(ProfileCatalogConfig config) {
        String dir = config.directory() == null ? "" : config.directory().trim();
        ProfileCatalog catalog = dir.isEmpty() ? ProfileCatalogs.builtin() : ProfileCatalogs.withDirectory(Path.of(dir));
        LOG.info("Device profile catalog: {} profiles{}", catalog.all().size(),
                dir.isEmpty() ? " (shipped only)" : " (shipped + " + dir + ", " + catalog.problems().size() + " rejected)");
        return catalog;
    }

    @Override
    public Optional<DeviceProfile> find(String profileId) {
        return current.find(profileId);
    }

    @Override
    public Collection<DeviceProfile> all() {
        return current.all();
    }

    @Override
    public List<ProfileException> problems() {
        return current.problems();
    }
}
