package org.varl.models.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.TensorViews;
import org.varl.core.random.NoiseStream;
import org.varl.testing.MonteCarlo;

/**
 * The sequence ELBO's mathematics: at the exact posterior of a linear-Gaussian instance of the
 * model it equals the Kalman log-likelihood; KL balancing keeps the value and splits the gradient;
 * free nats clamp each step's KL.
 */
class SequenceElboTest {

  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  /** z scalar, two observations with diagonal R, one action: the model class holds it exactly. */
  static LinearGaussianSsm scalarTruth() {
    return new LinearGaussianSsm(
        new double[][] {{0.9}},
        new double[][] {{0.5}},
        new double[][] {{1.0}, {0.5}},
        new double[][] {{0.2}},
        new double[][] {{0.3, 0}, {0, 0.5}},
        new double[] {0.3},
        new double[][] {{1.0}});
  }

  /** A linear (layers = 0), Markov model whose parameters are the truth's (diagonal Q, R, P0). */
  static SequenceModel linearInstance(NDManager m, LinearGaussianSsm truth) {
    int dz = truth.dimZ();
    int da = truth.dimA();
    SsmConfig config = new SsmConfig(dz, truth.dimX(), da, 8, 0, 0, SsmEncoder.FILTERING, 8);
    SequenceModel model = SequenceModel.create(m, config, 1);
    float[] prior = new float[2 * dz * (dz + da)];
    float[] priorBias = new float[2 * dz];
    for (int i = 0; i < dz; i++) {
      for (int j = 0; j < dz; j++) {
        prior[i * (dz + da) + j] = (float) truth.a()[i][j];
      }
      for (int j = 0; j < da; j++) {
        prior[i * (dz + da) + dz + j] = (float) truth.b()[i][j];
      }
      priorBias[dz + i] = (float) Math.log(truth.q()[i][i]);
    }
    TensorViews.write(model.parameter("prior.layers.0.weight"), prior);
    TensorViews.write(model.parameter("prior.layers.0.bias"), priorBias);
    float[] loc = new float[dz];
    float[] logVar = new float[dz];
    for (int i = 0; i < dz; i++) {
      loc[i] = (float) truth.mu0()[i];
      logVar[i] = (float) Math.log(truth.p0()[i][i]);
    }
    TensorViews.write(model.parameter("init.loc"), loc);
    TensorViews.write(model.parameter("init.logVariance"), logVar);
    int dx = truth.dimX();
    float[] c = new float[dx * dz];
    float[] r = new float[dx];
    for (int i = 0; i < dx; i++) {
      for (int j = 0; j < dz; j++) {
        c[i * dz + j] = (float) truth.c()[i][j];
      }
      r[i] = (float) Math.log(truth.r()[i][i]);
    }
    TensorViews.write(model.parameter("decoder.layers.0.weight"), c);
    TensorViews.write(model.parameter("decoder.layers.0.bias"), new float[dx]);
    TensorViews.write(model.parameter("decoder.logVariance"), r);
    return model;
  }

  @Test
  void elboAtTheExactPosteriorEqualsTheKalmanLogLikelihood() {
    LinearGaussianSsm truth = scalarTruth();
    int steps = 5;
    SequenceData data = truth.sample(2, steps, 3);
    int copies = 20000;
    int b = 2 * copies;
    try (NDManager m = NDManager.newBaseManager()) {
      SequenceModel model = linearInstance(m, truth);
      // Rows [0, copies) hold sequence 0, the rest sequence 1; q*(z_t | z_{t−1}) = N(G z + o, S).
      float[] x = new float[b * steps * 2];
      float[] a = new float[b * steps];
      float[] gain = new float[steps * b];
      float[] offset = new float[steps * b];
      float[] logVar = new float[steps * b];
      double[] exact = new double[2];
      for (int s = 0; s < 2; s++) {
        double[][] xs = data.observations(s);
        double[][] as = data.actions(s);
        exact[s] = Kalman.logLikelihood(truth, xs, as);
        Kalman.Conditionals q = Kalman.smoothingConditionals(truth, xs, as);
        for (int i = s * copies; i < (s + 1) * copies; i++) {
          for (int t = 0; t < steps; t++) {
            x[(i * steps + t) * 2] = (float) xs[t][0];
            x[(i * steps + t) * 2 + 1] = (float) xs[t][1];
            a[i * steps + t] = (float) as[t][0];
            gain[t * b + i] = (float) q.gains()[t][0][0];
            offset[t * b + i] = (float) q.offsets()[t][0];
            logVar[t * b + i] = (float) Math.log(q.covariances()[t][0][0]);
          }
        }
      }
      NDArray xa = m.create(x, new Shape(b, steps, 2));
      NDArray aa = m.create(a, new Shape(b, steps, 1));
      NDArray g = m.create(gain, new Shape(steps, b, 1));
      NDArray o = m.create(offset, new Shape(steps, b, 1));
      NDArray lv = m.create(logVar, new Shape(steps, b, 1));
      Posterior exactPosterior =
          (t, carry) -> carry.get(":, 0:1").mul(g.get(t)).add(o.get(t)).concat(lv.get(t), -1);
      NDArray eps = NoiseStream.normal(m, new Shape(steps, b, 1), 5, 2);
      float[] elbo =
          SequenceElbo.compute(model, xa, aa, exactPosterior, eps, SequenceElbo.Objective.plain())
              .elbo()
              .toFloatArray();
      for (int s = 0; s < 2; s++) {
        double[] draws = new double[copies];
        for (int i = 0; i < copies; i++) {
          draws[i] = elbo[s * copies + i];
        }
        // Monte Carlo error of 20000 draws (≈ 0.01 nats) plus float32 rounding.
        MonteCarlo.assertMeanWithin(draws, exact[s], 4, 2e-3);
        assertThat(MonteCarlo.standardError(draws)).isLessThan(0.05);
      }
      // A posterior that is not the exact one is strictly looser: shift every mean by 0.5.
      Posterior shifted =
          (t, carry) -> exactPosterior.at(t, carry).add(m.create(new float[] {0.5f, 0f}));
      float[] loose =
          SequenceElbo.compute(model, xa, aa, shifted, eps, SequenceElbo.Objective.plain())
              .elbo()
              .toFloatArray();
      double mean = 0;
      for (int i = 0; i < copies; i++) {
        mean += loose[i] / copies;
      }
      assertThat(mean).isLessThan(exact[0] - 0.1);
    }
  }

  /** Gradients of {@code loss} with respect to every parameter of a fresh seed-1 model. */
  private static List<float[]> klGradients(
      SequenceElbo.Objective objective, boolean plainKl, int steps) {
    try (NDManager m = NDManager.newBaseManager()) {
      SsmConfig config = new SsmConfig(2, 3, 1, 16, 1, 0, SsmEncoder.SMOOTHING, 8);
      SequenceModel model = SequenceModel.create(m, config, 1);
      SequenceData data = LinearGaussianSsm.random(2, 3, 1, 4).sample(6, steps, 2);
      NDArray x =
          m.create(SequenceElbo.floats(data.x(), 0, data.x().length), new Shape(6, steps, 3));
      NDArray a =
          m.create(SequenceElbo.floats(data.a(), 0, data.a().length), new Shape(6, steps, 1));
      NDArray eps = NoiseStream.normal(m, new Shape(steps, 6, 2), 9, 2);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        SequenceElbo.Terms t =
            SequenceElbo.compute(model, x, a, model.posterior(x), eps, objective);
        // recon − objective = Σ KL'_t: the objective's KL alone.
        NDArray loss = plainKl ? t.kl().sum() : t.reconstruction().sub(t.objective()).sum();
        gc.backward(loss);
      }
      List<float[]> grads = new ArrayList<>();
      for (NDArray p : model.parameters()) {
        grads.add(p.getGradient().toFloatArray());
      }
      return grads;
    }
  }

  @Test
  void klBalancingAtOneHalfHasThePlainValueAndHalfTheGradient() {
    try (NDManager m = NDManager.newBaseManager()) {
      SsmConfig config = new SsmConfig(2, 3, 1, 16, 1, 6, SsmEncoder.FILTERING, 8);
      SequenceModel model = SequenceModel.create(m, config, 2);
      SequenceData data = LinearGaussianSsm.random(2, 3, 1, 4).sample(5, 6, 2);
      NDArray x = m.create(SequenceElbo.floats(data.x(), 0, data.x().length), new Shape(5, 6, 3));
      NDArray a = m.create(SequenceElbo.floats(data.a(), 0, data.a().length), new Shape(5, 6, 1));
      NDArray eps = NoiseStream.normal(m, new Shape(6, 5, 2), 9, 2);
      for (double alpha : new double[] {0.5, 0.8}) {
        SequenceElbo.Terms t =
            SequenceElbo.compute(
                model, x, a, model.posterior(x), eps, new SequenceElbo.Objective(0, true, alpha));
        assertThat(t.objective().toFloatArray())
            .containsExactly(t.elbo().toFloatArray(), Offset.offset(1e-4f));
      }
    }
    List<float[]> plain = klGradients(SequenceElbo.Objective.plain(), true, 4);
    List<float[]> half = klGradients(new SequenceElbo.Objective(0, true, 0.5), false, 4);
    double norm = 0;
    for (int i = 0; i < plain.size(); i++) {
      for (int j = 0; j < plain.get(i).length; j++) {
        assertThat(half.get(i)[j])
            .isCloseTo(
                0.5f * plain.get(i)[j], Offset.offset(1e-5f + 1e-4f * Math.abs(plain.get(i)[j])));
        norm += Math.abs(plain.get(i)[j]);
      }
    }
    assertThat(norm).as("the KL has a gradient at all").isGreaterThan(1e-2);
  }

  @Test
  void klBalancingAtOneMovesOnlyThePrior() {
    // One step: q(z_1 | x_1) feeds no later prior, so at α = 1 the KL moves the prior alone (from
    // T = 2 on, the posterior's draw of z_{t−1} is the prior's input and rightly gets a gradient).
    List<float[]> g = klGradients(new SequenceElbo.Objective(0, true, 1.0), false, 1);
    List<String> names;
    try (NDManager m = NDManager.newBaseManager()) {
      names =
          SequenceModel.create(m, new SsmConfig(2, 3, 1, 16, 1, 0, SsmEncoder.SMOOTHING, 8), 1)
              .parameterNames();
    }
    double prior = 0;
    for (int i = 0; i < names.size(); i++) {
      double sum = 0;
      for (float v : g.get(i)) {
        sum += Math.abs(v);
      }
      if (names.get(i).startsWith("posterior.") || names.get(i).startsWith("backward.")) {
        assertThat(sum).as(names.get(i)).isZero();
      } else if (names.get(i).startsWith("prior.") || names.get(i).startsWith("init.")) {
        prior += sum;
      }
    }
    assertThat(prior).isGreaterThan(1e-2);
  }

  @Test
  void freeNatsClampEachStepsKl() {
    try (NDManager m = NDManager.newBaseManager()) {
      SsmConfig config = new SsmConfig(2, 3, 1, 16, 1, 0, SsmEncoder.FILTERING, 8);
      SequenceModel model = SequenceModel.create(m, config, 3);
      SequenceData data = LinearGaussianSsm.random(2, 3, 1, 4).sample(8, 5, 2);
      NDArray x = m.create(SequenceElbo.floats(data.x(), 0, data.x().length), new Shape(8, 5, 3));
      NDArray a = m.create(SequenceElbo.floats(data.a(), 0, data.a().length), new Shape(8, 5, 1));
      NDArray eps = NoiseStream.normal(m, new Shape(5, 8, 2), 9, 2);
      SequenceElbo.Terms plain =
          SequenceElbo.compute(
              model, x, a, model.posterior(x), eps, SequenceElbo.Objective.plain());
      float[] kl = plain.klPerStep().toFloatArray();
      float[] sorted = kl.clone();
      java.util.Arrays.sort(sorted);
      float free = sorted[sorted.length / 2];
      SequenceElbo.Terms clamped =
          SequenceElbo.compute(
              model, x, a, model.posterior(x), eps, new SequenceElbo.Objective(free, false, 0.8));
      float[] recon = plain.reconstruction().toFloatArray();
      float[] objective = clamped.objective().toFloatArray();
      for (int i = 0; i < 8; i++) {
        double expected = recon[i];
        for (int t = 0; t < 5; t++) {
          expected -= Math.max(kl[i * 5 + t], free);
        }
        assertThat(objective[i]).isCloseTo((float) expected, Offset.offset(1e-3f));
      }
      assertThat(clamped.elbo().toFloatArray()).containsExactly(plain.elbo().toFloatArray());
    }
  }
}
