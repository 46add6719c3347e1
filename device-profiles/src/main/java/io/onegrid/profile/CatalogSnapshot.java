package io.onegrid.profile;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable set of profiles by id, with the files that were rejected while it was built. */
final class CatalogSnapshot implements ProfileCatalog {
    private final Map<String, DeviceProfile> byId;
    private final List<ProfileException> problems;

    CatalogSnapshot(Map<String, DeviceProfile> byId, List<ProfileException> problems) {
        this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        this.problems = List.copyOf(problems);
    }

    @Override
    public Optional<DeviceProfile> find(String profileId) {
        return Optional.ofNullable(byId.get(profileId));
    }

    @Override
    public Collection<DeviceProfile> all() {
        return byId.values();
    }

    @Override
    public List<ProfileException> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "ProfileCatalog" + byId.keySet() + (problems.isEmpty() ? "" : " with " + problems.size() + " rejected file(s)");
    }
}
