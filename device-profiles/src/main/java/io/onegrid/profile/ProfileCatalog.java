package io.onegrid.profile;

import java.util.Collection;
import java.util.Optional;

/** The device profiles known to a gateway or hub: the shipped catalog plus any local profile folder. */
public interface ProfileCatalog {
    Optional<DeviceProfile> find(String profileId);

    Collection<DeviceProfile> all();
}
