/**
 * Point data for generative models: the 2-D toy distributions of the diffusion and flow-matching
 * literature, each an exact, seeded generator whose definition is in its javadoc, and finite data
 * sets (a user's CSV, the shapes sprites, Fashion-MNIST) behind the same {@link
 * org.varl.models.toy.PointData} interface.
 *
 * <ul>
 *   <li>{@link org.varl.models.toy.EightGaussians} and {@link org.varl.models.toy.Checkerboard}
 *       know their log-density, so a model's samples, likelihoods and bounds can be compared with
 *       the truth; their entropy is computed from it by quadrature ({@link
 *       org.varl.models.toy.GridQuadrature}), not written down.
 *   <li>{@link org.varl.models.toy.Moons} and {@link org.varl.models.toy.SwissRoll} are generators
 *       only.
 *   <li>{@link org.varl.models.toy.SplitPoints} wraps a {@code TrainTestSplit} of varl-core.
 * </ul>
 *
 * {@link org.varl.models.toy.PointDataSets#parse} turns a {@code --data} spec into one of them.
 */
package org.varl.models.toy;
