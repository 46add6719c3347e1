package io.onegrid.hub.store;

/**
 * One change for the live stream. {@code kind} is {@code case}, {@code notification}, {@code device} or
 * {@code gateway}; {@code payloadJson} never holds personal data (residents appear as ids).
 */
public record HubEvent(long id, long at, String kind, String scopePath, String payloadJson) { }
