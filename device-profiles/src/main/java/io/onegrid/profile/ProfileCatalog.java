package io.onegrid.profile;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The device profiles known to a gateway or hub: the shipped catalog plus any local profile folder. */
public interface ProfileCatalog {
    Optional<DeviceProfile> find(String profileId);

    Collection<DeviceProfile> all();

    /** Profile files that were rejected while building this catalog (each one was skipped). */
    default List<ProfileException> problems() {
        return List.of();
    }
}
