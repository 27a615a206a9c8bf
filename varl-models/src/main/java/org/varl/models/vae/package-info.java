/**
 * The variational autoencoder (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014):
 * an encoder {@code q_phi(z|x) = N(mu_phi(x), diag sigma_phi(x)^2)}, a decoder {@code p_theta(x|z)}
 * (Bernoulli logits or a Gaussian mean) and the standard normal prior {@code p(z) = N(0, I)},
 * trained by maximizing the evidence lower bound
 *
 * <pre>  ELBO(x) = E_q[log p_theta(x|z)] - beta * KL(q_phi(z|x) || p(z)) &lt;= log p_theta(x).
 * </pre>
 *
 * <p>Entry points: {@link org.varl.models.vae.VaeTrainer#run} (training with metrics, checkpoints
 * and exact resume), {@link org.varl.models.vae.VaeEvaluator} (test ELBO, importance-sampled
 * log-likelihood, linear probe) and {@link org.varl.models.vae.VaeImages} (samples,
 * reconstructions, interpolations, latent means). The default configuration (MLP
 * 784-400-20-400-784, Bernoulli, pathwise gradient with analytic KL) trains on a hand-derived
 * backward pass, {@link org.varl.models.vae.MlpBernoulliStep}; every other configuration goes
 * through DJL autograd in {@link org.varl.models.vae.AutogradStep}.
 */
package org.varl.models.vae;
