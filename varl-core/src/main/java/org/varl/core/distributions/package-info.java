/**
 * Probability distributions on DJL NDArrays with the {@code torch.distributions} contract: {@link
 * org.varl.core.distributions.Distribution}, implemented by {@link
 * org.varl.core.distributions.Normal}, {@link org.varl.core.distributions.Bernoulli}, {@link
 * org.varl.core.distributions.Categorical}, {@link
 * org.varl.core.distributions.RelaxedOneHotCategorical}, {@link
 * org.varl.core.distributions.Independent} and {@link org.varl.core.distributions.TanhNormal}.
 *
 * <p><b>Shapes.</b> A draw has shape {@code sampleShape ++ batchShape ++ eventShape}; {@code
 * logProb(value)} sums over the event dimensions and returns {@code sampleShape ++ batchShape}
 * (values broadcast against the parameters, so {@code x: [B, D]} scores against {@code logits: [S,
 * B, D]}).
 *
 * <p><b>Gradients.</b> {@code sample} never carries a gradient path ({@code stopGradient}); {@code
 * rsample} is the reparameterized draw {@code z = g(θ, ε)} and exists only where {@code
 * hasRsample()}; elsewhere it throws {@link java.lang.UnsupportedOperationException} pointing at
 * the score-function estimator.
 *
 * <p><b>Randomness.</b> DJL's random ops use the engine's global generator. Seed it once per run
 * with {@code Engine.getInstance().setRandomSeed(seed)} (see {@link
 * org.varl.core.engine.EngineSetup#seed(long)}); the draws of a run are then reproducible, on the
 * same device and thread settings.
 *
 * <p><b>Memory.</b> Results attach to the manager of the parameters (the first operand of each op),
 * so build distributions inside the step's sub-manager.
 */
package org.varl.core.distributions;
