/**
 * The two experiments that open the lecture, as libraries: {@link
 * org.varl.experiments.vi.EstimatorsExperiment} (score-function vs pathwise gradient variance,
 * against closed-form or quadrature reference gradients) and {@link
 * org.varl.experiments.vi.AmortizationExperiment} (global vs per-point vs amortized variational
 * posteriors). Each takes a validated config record and returns a result record; the CLI ({@code
 * varl vi estimators}, {@code varl vi amortization}) and the tour only format them.
 */
package org.varl.experiments.vi;
