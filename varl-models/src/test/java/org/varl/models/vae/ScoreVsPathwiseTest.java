package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.testing.MonteCarlo;

/**
 * The score-function surrogate of {@link AutogradStep} is an unbiased gradient of the same
 * objective as the pathwise one: averaged over many independent draws, the two estimates of every
 * parameter's gradient agree within their Monte Carlo error, and the objective values agree too.
 */
class ScoreVsPathwiseTest {

  @Test
  void scoreFunctionGradientMatchesPathwiseInExpectation() {
    EngineSetup.threads(1);
    VaeConfig config = new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 6, 2, 0.1, 1, 1, 5);
    int draws = 1500;
    int batch = 8;
    try (NDManager root = NDManager.newBaseManager();
        Vae vae = Vae.create(config, 3, root)) {
      SplittableRandom r = new SplittableRandom(9);
      float[] xs = new float[batch * config.inputDim()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = r.nextDouble() < 0.4 ? 1f : 0f;
      }
      List<NDArray> params = vae.parameterArrays();
      // samples[estimator][parameter][coordinate][draw]
      double[][][][] samples = new double[2][params.size()][][];
      double[] objective = new double[2];
      Estimator[] estimators = {Estimator.PATHWISE, Estimator.SCORE};
      for (int e = 0; e < 2; e++) {
        AutogradStep step =
            new AutogradStep(
                vae, new TrainConfig(1, batch, 1e-3, 1.0, estimators[e], 1, 4, 1, false));
        for (int k = 0; k < draws; k++) {
          try (NDManager m = root.newSubManager()) {
            StepResult res = step.compute(m.create(xs, new Shape(batch, config.inputDim())), 1, k);
            objective[e] += res.stats().getFloat(0) / draws;
            for (int i = 0; i < params.size(); i++) {
              float[] g = res.gradients().get(i).toFloatArray();
              if (samples[e][i] == null) {
                samples[e][i] = new double[g.length][draws];
              }
              for (int j = 0; j < g.length; j++) {
                samples[e][i][j][k] = g[j];
              }
            }
          }
        }
      }
      // Same objective (value of the surrogate = value of the ELBO estimate), up to Monte Carlo
      // error.
      assertThat(objective[1])
          .isCloseTo(objective[0], org.assertj.core.data.Offset.offset(0.02 * objective[0]));
      int checked = 0;
      for (int i = 0; i < params.size(); i++) {
        for (int j = 0; j < samples[0][i].length; j++) {
          // 5 standard errors of the difference: with ~150 coordinates a false alarm has
          // probability ~1e-4.
          MonteCarlo.assertMeansAgree(
              vae.parameterNames().get(i) + "[" + j + "]: pathwise vs score",
              samples[0][i][j],
              samples[1][i][j],
              5,
              1e-6);
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(100);
    }
  }
}
