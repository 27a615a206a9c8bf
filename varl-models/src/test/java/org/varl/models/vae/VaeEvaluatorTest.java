package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.analysis.LinearProbe;
import org.varl.core.data.DataOptions;
import org.varl.core.data.Shapes;

class VaeEvaluatorTest {

  @Test
  void evaluationOfAShortShapesRun(@TempDir Path dir) {
    Path run = dir.resolve("run");
    TrainResult trained =
        VaeTrainer.run(
            new TrainRequest(
                "shapes",
                DataOptions.defaults().withShapesCount(1200),
                new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 64, 4, 0.1),
                new TrainConfig(3, 32, 3e-3, 1, Estimator.PATHWISE, 1, 3, 1, false),
                run,
                null),
            TrainingListener.none());

    EvalResult e = VaeEvaluator.run(new EvalRequest(run, 200, 50, 1));

    assertThat(e.epochs()).isEqualTo(3);
    assertThat(e.testExamples()).isEqualTo(200);
    // Same quantity as test_loss with other noise: agree to a few percent.
    assertThat(e.negativeElbo())
        .isCloseTo(trained.last().testLoss(), within(0.05 * trained.last().testLoss()));
    assertThat(e.negativeElbo())
        .isCloseTo(e.reconstruction() + e.kl(), within(1e-6 * e.negativeElbo()));
    // log p(x) >= IWAE bound >= ELBO; with K = 200 the gap is several nats, far above the Monte
    // Carlo error.
    assertThat(e.logLikelihood()).isGreaterThan(e.elboOnSameExamples() + 1);
    assertThat(e.probe())
        .extracting(EvalResult.ProbeScore::factor)
        .containsExactlyElementsOf(Shapes.FACTOR_NAMES);
    try (TrainedVae model = TrainedVae.load(run)) {
      double[][] zTrain =
          VaeImages.latentMeans(model.vae(), model.data().train(), VaeEvaluator.PROBE_TRAIN_ROWS);
      double[][] zTest = VaeImages.latentMeans(model.vae(), model.data().test(), 200);
      // Each reported score is the probe from these latents to that factor (names, columns and
      // splits line up).
      double[][] fTrain = model.data().train().factors().orElseThrow();
      double[][] fTest = model.data().test().factors().orElseThrow();
      for (int j = 0; j < Shapes.FACTOR_NAMES.size(); j++) {
        double[] yTrain = new double[zTrain.length];
        double[] yTest = new double[zTest.length];
        for (int i = 0; i < zTrain.length; i++) {
          yTrain[i] = fTrain[i][j];
        }
        for (int i = 0; i < zTest.length; i++) {
          yTest[i] = fTest[i][j];
        }
        assertThat(e.probe().get(j).r2())
            .as("probe R^2 of %s", Shapes.FACTOR_NAMES.get(j))
            .isCloseTo(LinearProbe.fit(zTrain, yTrain).r2(zTest, yTest), within(1e-9));
      }
      // On these latents (correlated, of unequal scales) a target with a known linear relation
      // y = a.z + 1 + sigma eps, sigma^2 = Var(a.z) / 9 on the test rows, scores R^2 near 1 -
      // sigma^2 / Var(y) = 0.9:
      // with 200 test rows the delta-method sd is ~(1 - R^2) sqrt(3.6 / 200) = 0.013, allow 0.05.
      // a_j = ±1/sd(z_j)
      // gives each latent dimension a similar share of the signal, so a probe that lost one would
      // fall near 0.7.
      double[] a = new double[zTest[0].length];
      for (int j = 0; j < a.length; j++) {
        double[] unit = new double[a.length];
        unit[j] = 1;
        a[j] = (j % 2 == 0 ? 1 : -1) / Math.sqrt(variance(zTest, unit));
      }
      SplittableRandom rng = new SplittableRandom(7);
      double signal = variance(zTest, a);
      double sigma = Math.sqrt(signal / 9);
      double[] yTrain = known(zTrain, a, sigma, rng);
      double[] yTest = known(zTest, a, sigma, rng);
      assertThat(LinearProbe.fit(zTrain, yTrain).r2(zTest, yTest)).isCloseTo(0.9, within(0.05));
    }
    // The lecture's claim, checked: position is linearly readable from the latent means after 3
    // short epochs.
    double y =
        e.probe().stream().filter(p -> p.factor().equals("y")).findFirst().orElseThrow().r2();
    assertThat(y).isGreaterThan(0.5);

    // Deterministic given the seed.
    EvalResult again = VaeEvaluator.run(new EvalRequest(run, 200, 50, 1));
    assertThat(again.logLikelihood()).isEqualTo(e.logLikelihood());
    assertThat(again.negativeElbo()).isEqualTo(e.negativeElbo());
  }

  /** a . z_i + 1 + sigma eps_i. */
  private static double[] known(double[][] z, double[] a, double sigma, SplittableRandom rng) {
    double[] y = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      y[i] = 1 + sigma * rng.nextGaussian();
      for (int j = 0; j < a.length; j++) {
        y[i] += a[j] * z[i][j];
      }
    }
    return y;
  }

  /** The sample variance of a . z_i. */
  private static double variance(double[][] z, double[] a) {
    double[] s = known(z, a, 0, new SplittableRandom(0));
    double mean = 0;
    for (double v : s) {
      mean += v / s.length;
    }
    double var = 0;
    for (double v : s) {
      var += (v - mean) * (v - mean) / s.length;
    }
    return var;
  }

  @Test
  void badRequestsAreOneLineErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> new EvalRequest(dir, 0, 10, 1)).hasMessage("k must be >= 1, found 0");
    assertThatThrownBy(() -> VaeEvaluator.run(new EvalRequest(dir, 10, 10, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no checkpoint at ");
  }
}
