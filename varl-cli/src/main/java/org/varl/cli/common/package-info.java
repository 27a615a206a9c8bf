/**
 * Helpers every subcommand shares: {@link org.varl.cli.common.Progress} (progress bar with ETA on
 * stderr), {@link org.varl.cli.common.Json} (atomic JSON output), {@link org.varl.cli.common.Plots}
 * (XChart line and scatter PNGs), {@link org.varl.cli.common.Heatmaps} (grid heatmaps with policy
 * arrows) and {@link org.varl.cli.common.ImageGrids} (grids of small grey images). All files are
 * written atomically through {@link org.varl.core.io.AtomicFiles}; use it for any other output or
 * checkpoint. {@link org.varl.cli.common.Outputs} is the output rule every command applies to its
 * {@code --out} at the start of {@code call()}, before any work, and writes a command's several
 * files as one set.
 */
package org.varl.cli.common;
