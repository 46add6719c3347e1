package io.onegrid.profile;

/** How urgent an alarm is, lowest first. */
public enum Severity { INFO, MINOR, MAJOR, CRITICAL }
