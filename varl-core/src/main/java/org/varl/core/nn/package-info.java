/**
 * Networks shared by every model: {@link org.varl.core.nn.Mlp} (the one multilayer perceptron: any
 * depth and widths, an activation, PyTorch's weight layout and default initialization from a seed)
 * and {@link org.varl.core.nn.Heads}, which turn a network's output into the parameters of a {@code
 * Normal}, {@code TanhNormal} or {@code Categorical}. Parameters are plain float32 arrays, so that
 * {@link org.varl.core.optim.Adam}, {@link org.varl.core.optim.Polyak} and {@link
 * org.varl.core.io.Checkpoint} work on any model built from them.
 */
package org.varl.core.nn;
