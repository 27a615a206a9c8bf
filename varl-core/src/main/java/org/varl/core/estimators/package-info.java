/**
 * Gradient estimators for {@code ∇_θ E_{q_θ(z)}[f(z)]} as interchangeable strategies (Pyro's {@code
 * ScoreParts} / {@code Trace_ELBO} design). Each {@link org.varl.core.estimators.GradientEstimator}
 * returns a {@link org.varl.core.estimators.Surrogate} whose <em>value</em> is the Monte Carlo
 * estimate of the objective and whose <em>gradient</em> is the estimator's: {@code value +
 * (surrogate − stopGradient(surrogate))}. The optimizer stays outside, as in Pyro's {@code
 * SVI(model, guide, optim, loss)}: back-propagate {@code surrogate.loss()} inside a {@code
 * GradientCollector} and step whatever optimizer you use.
 *
 * <ul>
 *   <li>{@link org.varl.core.estimators.PathwiseEstimator}: the reparameterization trick;
 *   <li>{@link org.varl.core.estimators.ScoreFunctionEstimator}: REINFORCE with a {@link
 *       org.varl.core.estimators.Baseline} (none, constant, moving average, learned
 *       input-dependent);
 *   <li>{@link org.varl.core.estimators.GumbelSoftmaxEstimator}: the relaxation of discrete
 *       latents.
 * </ul>
 */
package org.varl.core.estimators;
