package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Independent;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.Scalars;
import org.varl.core.kl.Kl;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;

/**
 * The score-function step's baseline is defined for every batch size: the leave-one-out mean of the
 * other examples' signals for B ≥ 2 and none for B = 1 (the partial last batch of an epoch can hold
 * one example, where the leave-one-out mean would be 0/0).
 */
class AutogradStepTest {

  private static final VaeConfig CONFIG =
      new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 8, 3, 0.1, 1, 1, 6);
  private static final long SEED = 13;
  private static final double BETA = 0.7;

  @Test
  void scoreStepMatchesItsSurrogateWithNoBaselineForOneExampleAndLeaveOneOutForMore() {
    for (int batch : new int[] {1, 3}) {
      try (NDManager root = NDManager.newBaseManager();
          Vae vae = Vae.create(CONFIG, 5, root);
          NDManager m = root.newSubManager()) {
        SplittableRandom r = new SplittableRandom(21);
        float[] xs = new float[batch * CONFIG.inputDim()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = r.nextDouble() < 0.4 ? 1f : 0f;
        }
        NDArray x = m.create(xs, new Shape(batch, CONFIG.inputDim()));
        // The configured batch size is 32 (TrainConfig asks >= 2 for the score estimator); the step
        // sees the
        // actual rows, as for the partial last batch of an epoch.
        TrainConfig train = new TrainConfig(1, 32, 1e-3, BETA, Estimator.SCORE, 1, SEED, 1, false);
        StepResult step = new AutogradStep(vae, train).compute(x, 2, 7);

        float[][] expected = referenceGradients(vae, x, 2, 7);
        List<NDArray> actual = step.gradients();
        for (int i = 0; i < expected.length; i++) {
          float[] g = actual.get(i).toFloatArray();
          double scale = 0;
          for (int j = 0; j < g.length; j++) {
            assertThat(g[j]).as("B=%d, %s[%d]", batch, vae.parameterNames().get(i), j).isFinite();
            scale = Math.max(scale, Math.abs(expected[i][j]));
          }
          assertThat(g)
              .as("B=%d, %s", batch, vae.parameterNames().get(i))
              .containsExactly(
                  expected[i], org.assertj.core.data.Offset.offset((float) (1e-5 * scale + 1e-7)));
        }
        for (float v : step.stats().toFloatArray()) {
          assertThat(v).as("B=%d, loss statistics", batch).isFinite();
        }
      }
    }
  }

  /**
   * The class javadoc's surrogate written out for the same draw: {@code −Σ log p(x|z) + β KL − Σ (f
   * − b)(log q − stop(log q))}, with {@code b_i = (Σ_j f_j − f_i)/(B − 1)} for B ≥ 2 and {@code b =
   * 0} for B = 1.
   */
  private static float[][] referenceGradients(Vae vae, NDArray x, int epoch, long stepIndex) {
    EngineSetup.seed(Seeds.mix(SEED, Streams.TRAIN_NOISE, epoch, stepIndex));
    List<NDArray> params = vae.parameterArrays();
    long batch = x.getShape().get(0);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      Independent posterior = VaeLosses.posterior(vae, x, true);
      Independent prior = VaeLosses.prior(vae, x);
      org.varl.core.bounds.Likelihood likelihood = VaeLosses.likelihood(vae, true);
      NDArray z = posterior.sample(new Shape(1));
      NDArray logLik = likelihood.given(z).logProb(x);
      NDArray logQ = posterior.logProb(z);
      float[] f = logLik.toFloatArray();
      float total = 0;
      for (float v : f) {
        total += v;
      }
      float[] advantage = new float[f.length];
      for (int i = 0; i < f.length; i++) {
        float baseline = batch == 1 ? 0f : (total - f[i]) / (batch - 1);
        advantage[i] = f[i] - baseline;
      }
      NDArray score =
          x.getManager().create(advantage, logQ.getShape()).mul(logQ.sub(logQ.stopGradient()));
      NDArray objective =
          logLik.sum().neg().add(Scalars.mul(Kl.divergence(posterior, prior).sum(), (float) BETA));
      gc.backward(objective.sub(score.sum()));
    }
    float[][] grads = new float[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      NDArray g = params.get(i).getGradient();
      grads[i] = g.toFloatArray();
      g.subi(g); // the engine accumulates gradients: clear them as the step does
    }
    return grads;
  }
}
