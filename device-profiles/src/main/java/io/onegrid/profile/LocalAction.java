package io.onegrid.profile;

/** What the gateway does on its own when a rule raises: write {@code value} to output {@code channel} (of the same device unless {@code device} names another). */
public record LocalAction(String device, String channel, Object value) { }
