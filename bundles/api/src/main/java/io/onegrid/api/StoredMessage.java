package io.onegrid.api;

/** A message waiting in the outbox. {@code id} is the outbox's own key, used to acknowledge it. */
public record StoredMessage(long id, Priority priority, String kind, byte[] payload, int attempts, long enqueuedWallMs) { }
