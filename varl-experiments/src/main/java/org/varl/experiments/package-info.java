/**
 * The lecture's experiments, one sub-package per part of the lecture ({@code vi}: amortization and
 * estimators; {@code control}: control as inference and MaxEnt IRL; later {@code rl}, {@code
 * diffusion}, ...).
 *
 * <p>Every experiment has the same three pieces: a config record with {@code defaults()} and {@code
 * withX(...)} copies whose compact constructor validates (one-line messages naming the option), a
 * static {@code run(config, listener)} that computes and reports progress to an {@link
 * org.varl.experiments.Listener}, and an immutable result record holding every number the report
 * shows. Nothing here prints or plots: the CLI parses options into the config, calls {@code run},
 * and renders; the tour calls the same {@code run}.
 */
package org.varl.experiments;
