/**
 * Behaviour cloning, the unimodal baselines of multimodal imitation (issue 12): a policy regressed
 * on the expert's (state, action) pairs, either a diagonal Gaussian fitted by maximum likelihood
 * ({@link org.varl.models.bc.GaussianBcPolicy}) or a deterministic map fitted by squared error
 * ({@link org.varl.models.bc.MseBcPolicy}), trained by {@link org.varl.models.bc.BcTrainer}. Both
 * act the conditional mean: on data with two modes they act between them.
 */
package org.varl.models.bc;
