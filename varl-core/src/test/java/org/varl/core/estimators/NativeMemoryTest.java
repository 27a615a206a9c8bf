package org.varl.core.estimators;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.KlTerm;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.testing.ResourceCounts;

/**
 * The root NDManager's array count stays flat over 10,000 estimator steps (checked after every
 * step) when each step runs in its own sub-manager with the long-lived parameters and data
 * temp-attached (STYLE.md, DJL rules). Parameters, data and the learned baseline's weights live in
 * the root; every estimator, a KL and an ELBO are exercised.
 */
class NativeMemoryTest {

  private static final int STEPS = 10_000;

  @Test
  void rootManagerDoesNotGrowOverTenThousandEstimatorSteps() {
    Engine.getInstance().setRandomSeed(1);
    try (NDManager root = NDManager.newBaseManager()) {
      NDArray x =
          root.randomUniform(0f, 1f, new Shape(8, 5), DataType.FLOAT32)
              .gt(0.5f)
              .toType(DataType.FLOAT32, false);
      NDArray mu = root.zeros(new Shape(8, 2));
      NDArray logVar = root.zeros(new Shape(8, 2));
      NDArray decoder = root.randomNormal(new Shape(2, 5));
      NDArray logits = root.zeros(new Shape(8, 3));
      List<NDArray> params = new ArrayList<>(List.of(mu, logVar, decoder, logits));
      LearnedBaseline learned = LearnedBaseline.linear(root, 5);
      params.addAll(learned.parameters());
      for (NDArray p : params) {
        p.setRequiresGradient(true);
      }
      List<GradientEstimator> estimators =
          List.of(
              new PathwiseEstimator(),
              new ScoreFunctionEstimator(new MovingAverageBaseline(0.9)),
              new ScoreFunctionEstimator(learned),
              new GumbelSoftmaxEstimator(0.5, false));
      ResourceCounts.assertFlatOver(
          root,
          STEPS,
          step -> {
            try (NDManager scope = root.newSubManager()) {
              scope.tempAttachAll(x);
              scope.tempAttachAll(params.toArray(new NDArray[0]));
              GradientEstimator estimator = estimators.get(step % estimators.size());
              try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss;
                if (estimator instanceof GumbelSoftmaxEstimator) {
                  loss =
                      estimator
                          .surrogate(
                              Categorical.ofLogits(logits), y -> y.sum(new int[] {-1}).square(), 1)
                          .loss();
                } else {
                  Independent q = Normal.diagonalFromLogVariance(mu, logVar);
                  Integrand f =
                      z -> Independent.of(Bernoulli.ofLogits(z.matMul(decoder)), 1).logProb(x);
                  loss =
                      estimator
                          .surrogate(q, f, 2, x)
                          .loss()
                          .add(
                              Elbo.estimate(
                                      x,
                                      q,
                                      Independent.of(Normal.standard(scope, new Shape(2)), 1),
                                      z -> Independent.of(Bernoulli.ofLogits(z.matMul(decoder)), 1),
                                      1,
                                      KlTerm.ANALYTIC)
                                  .elbo()
                                  .mean()
                                  .neg());
                }
                gc.backward(loss);
              }
              for (NDArray p : params) {
                NDArray g = p.getGradient();
                if (learned.parameters().contains(p)) {
                  p.subi(
                      g.mul(1e-3f)); // train the baseline; q stays fixed so the run cannot diverge
                }
                g.subi(g);
              }
            }
          });
      assertThat(mu.isReleased()).isFalse();
    }
  }
}
