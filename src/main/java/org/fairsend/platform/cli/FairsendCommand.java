package org.fairsend.platform.cli;

/**
 * Marker for a picocli top-level subcommand contributed by a module (annotate the bean with
 * {@code @picocli.CommandLine.Command}). The launcher adds every such bean under {@code fairsend}.
 */
public interface FairsendCommand {}
