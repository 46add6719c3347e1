package io.onegrid.hub.store;

import java.time.Instant;

/** One audit line: who read or did what, about whom or what. */
public record AuditEntry(long id, Instant at, String username, String action, String subject, String detail) { }
