package io.onegrid.gateway.cli.support;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} on every command, as a picocli mixin ({@code @Mixin Help help;}). Not picocli's standard mixin:
 * that one adds a {@code -V} that has no version to show on most of our commands.
 */
public final class Help {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
