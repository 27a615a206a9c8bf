/**
 * The {@code varl control} subcommands (control as inference on finite MDPs: soft value iteration,
 * messages, marginals, MaxEnt IRL). {@code solve} calls varl-control directly; {@code gridworld}
 * and {@code irl} parse their options into the configs of {@code org.varl.experiments.control}, run
 * the experiment with a {@link org.varl.cli.common.ProgressListener}, and write what it returns
 * ({@link org.varl.cli.control.GridworldFiles}, {@link org.varl.cli.control.IrlFiles}, heatmap
 * panels from {@link org.varl.cli.control.GridPanels}); the tour's control section uses the same
 * writers.
 */
package org.varl.cli.control;
