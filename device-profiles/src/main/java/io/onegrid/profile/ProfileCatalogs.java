package io.onegrid.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catalogs of device profiles: the one shipped in this module (classpath {@code profiles/}, listed in
 * {@code profiles/index.txt} because classpath folders cannot be listed inside bundles and jars) and that
 * catalog extended by a local folder of {@code *.yaml} / {@code *.yml} files, whose profiles override
 * shipped ones with the same id. A bad local file is reported and skipped; it never hides the others.
 */
public final class ProfileCatalogs {
    /** Where the shipped profiles live on the classpath. */
    public static final String RESOURCE_FOLDER = "profiles/";
    private static final Logger LOG = LoggerFactory.getLogger(ProfileCatalogs.class);
    private static volatile Map<String, DeviceProfile> builtinCache;

    private ProfileCatalogs() { }

    /** The shipped catalog. A broken shipped profile is a build error, so it throws rather than skips. */
    public static ProfileCatalog builtin() {
        return new CatalogSnapshot(loadBuiltin(), List.of());
    }

    /**
     * The shipped catalog plus every profile in {@code dir}; the folder wins on equal ids. Rejected files
     * are logged as warnings and listed in {@link ProfileCatalog#problems()}.
     */
    public static ProfileCatalog withDirectory(Path dir) {
        return withDirectory(dir, p -> LOG.warn("Skipping device profile: {}", p.describe()));
    }

    /** As {@link #withDirectory(Path)}, telling {@code onProblem} about each rejected file instead of logging. */
    public static ProfileCatalog withDirectory(Path dir, Consumer<ProfileException> onProblem) {
        Map<String, DeviceProfile> byId = loadBuiltin();
        List<ProfileException> problems = new ArrayList<>();
        Consumer<ProfileException> report = p -> {
            problems.add(p);
            onProblem.accept(p);
        };
        if (!Files.isDirectory(dir)) {
            report.accept(new ProfileException(dir.toString(), 0, "the profile directory does not exist or is not a"
                    + " directory; only the shipped profiles are available"));
            return new CatalogSnapshot(byId, problems);
        }
        Map<String, Path> fromFolder = new LinkedHashMap<>();
        for (Path file : yamlFiles(dir, report)) {
            try {
                DeviceProfile p = ProfileLoader.load(file);
                String expected = baseName(file);
                if (!p.id().equals(expected)) {
                    throw new ProfileException(file.toString(), 1, "profile id '" + p.id() + "' does not match the file name '"
                            + file.getFileName() + "'; name the file " + p.id() + ".yaml so each id has one file");
                }
                Path earlier = fromFolder.putIfAbsent(p.id(), file);
                if (earlier != null) {
                    throw new ProfileException(file.toString(), 1, "profile id '" + p.id() + "' is already defined by "
                            + earlier.getFileName() + "; keep one file per id");
                }
                byId.put(p.id(), p);
            } catch (ProfileException e) {
                report.accept(e);
            }
        }
        return new CatalogSnapshot(byId, problems);
    }

    private static List<Path> yamlFiles(Path dir, Consumer<ProfileException> report) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path f : stream) {
                if (Files.isRegularFile(f)) files.add(f);
            }
        } catch (IOException e) {
            report.accept(new ProfileException(dir.toString(), 0, "cannot list the profile directory: " + e.getMessage()));
        }
        files.sort(null);
        return files;
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    /** The shipped file names, in index order. */
    static List<String> builtinFileNames() {
        String text = resource(RESOURCE_FOLDER + "index.txt");
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String n = line.strip();
            if (!n.isEmpty() && !n.startsWith("#")) names.add(n);
        }
        return names;
    }

    /** A fresh, mutable copy of the shipped profiles (parsed once; profiles are immutable). */
    private static Map<String, DeviceProfile> loadBuiltin() {
        Map<String, DeviceProfile> cached = builtinCache;
        if (cached == null) {
            synchronized (ProfileCatalogs.class) {
                if (builtinCache == null) builtinCache = parseBuiltin();
                cached = builtinCache;
            }
        }
        return new LinkedHashMap<>(cached);
    }

    private static Map<String, DeviceProfile> parseBuiltin() {
        Map<String, DeviceProfile> byId = new LinkedHashMap<>();
        for (String name : builtinFileNames()) {
            String source = "classpath:" + RESOURCE_FOLDER + name;
            DeviceProfile p = ProfileLoader.parse(source, resource(RESOURCE_FOLDER + name));
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new ProfileException(source, 1, "shipped profile id '" + p.id() + "' is defined twice");
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    private static String resource(String path) {
        ClassLoader loader = ProfileCatalogs.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) throw new ProfileException("classpath:" + path, 0, "shipped resource is missing from the bundle");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileException("classpath:" + path, 0, "cannot read shipped resource: " + e.getMessage());
        }
    }
}
