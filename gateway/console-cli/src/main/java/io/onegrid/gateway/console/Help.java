package io.onegrid.gateway.console;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every command (picocli's standard mixin would add a -V with no version to show). */
final class Help {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
