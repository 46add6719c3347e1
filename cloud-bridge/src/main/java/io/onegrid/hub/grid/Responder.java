package io.onegrid.hub.grid;

/**
 * A person who acts on cases. {@code nodeId} is where they work (a grid for a grid worker, a site for property
 * management, a community for a micro fire station, a tier for duty officers); {@code user} is the hub login
 * that acts as this responder, if any. The phone is personal data.
 */
public record Responder(String id, String name, ResponderRole role, String nodeId, String phone, String user) { }
