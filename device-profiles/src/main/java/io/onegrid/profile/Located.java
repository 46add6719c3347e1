package io.onegrid.profile;

/** A value read from a profile file with the line it starts on, for cross-checks that report later. */
record Located<T>(T value, int line) { }
