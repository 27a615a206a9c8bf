/**
 * Optimizers shared by every model: {@link org.varl.core.optim.Adam} (PyTorch's update rule fused
 * into one Java pass per parameter, with optional L2 weight decay, linear step-size decay and
 * global gradient-norm clipping; its state goes into checkpoints as {@link
 * org.varl.core.optim.AdamState}) and {@link org.varl.core.optim.Polyak} averaging of
 * target-network parameters. As in Pyro's {@code SVI(model, guide, optim, loss)}, the optimizer
 * stays outside the estimators and losses: it sees parameters and their gradients only.
 */
package org.varl.core.optim;
