package io.onegrid.hub.store;

import io.onegrid.hub.cases.Role;
import java.time.Instant;

/** Who a bearer token belongs to and until when it is valid. */
public record TokenSession(String username, Role role, String scopeNode, Instant expiresAt, String tokenHash) { }
