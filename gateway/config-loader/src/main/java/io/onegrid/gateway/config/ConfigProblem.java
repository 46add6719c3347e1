package io.onegrid.gateway.config;

/** One thing wrong with the configuration file: the line it is on (1-based, 0 when unknown) and a sentence. */
public record ConfigProblem(int line, String message) {
}
