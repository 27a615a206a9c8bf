/**
 * The two experiments that open the lecture, as libraries: {@link org.varl.core.experiments.EstimatorsExperiment}
 * (score-function vs pathwise gradient variance) and {@link org.varl.core.experiments.AmortizationExperiment}
 * (global vs per-point vs amortized variational posteriors). Each takes a validated config record and returns a
 * result record; the CLI ({@code varl vi estimators}, {@code varl vi amortization}) and the tour only format them.
 */
package org.varl.experiments.vi;
