package io.onegrid.hub.store;

import java.time.Instant;

/** Who a bearer token belongs to and until when it is valid. */
public record TokenSession(String username, String role, Instant expiresAt) { }
