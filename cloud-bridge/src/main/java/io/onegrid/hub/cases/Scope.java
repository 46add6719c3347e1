package io.onegrid.hub.cases;

/**
 * The part of the grid a user may see: a materialised path prefix ({@code /xh/xh-bs/}); {@link #ALL} for the
 * whole grid. A record is in scope when its stored path starts with the prefix. In SQL that is the range
 * {@code path >= prefix AND path < upper} on a byte-ordered column, which an index serves.
 */
public record Scope(String pathPrefix) {
    public static final Scope ALL = new Scope("/");

    public Scope {
        if (pathPrefix == null || !pathPrefix.startsWith("/") || !pathPrefix.endsWith("/")) {
            throw new IllegalArgumentException("a scope is a path such as /xh/xh-bs/");
        }
    }

    public boolean contains(String path) {
        return path != null && path.startsWith(pathPrefix);
    }

    public boolean isAll() {
        return pathPrefix.equals("/");
    }

    /** The exclusive upper bound of the prefix range: the prefix with its final '/' replaced by the next character. */
    public String upperBound() {
        return pathPrefix.substring(0, pathPrefix.length() - 1) + (char) ('/' + 1);
    }
}
