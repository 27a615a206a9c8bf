package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.kl.Kl;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * One log-variance rule on both gradient paths: the hand-derived step clips {@code log σ²} to
 * {@code ±}{@link Normal#MAX_ABS_LOG_VARIANCE} exactly as {@link Normal#fromLogVariance} does on
 * the autograd path, in value and in gradient (0 beyond the bound, as for {@code clip}), and the
 * test-set loss follows the same rule.
 */
class MlpBernoulliStepClipTest {

  private static final VaeConfig CONFIG =
      new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 16, 4, 0.1, 1, 4, 5);

  @Test
  void extremeLogVarianceGivesTheSameLossAndGradientsAsTheCoreNormal() {
    try (NDManager root = NDManager.newBaseManager();
        Vae vae = Vae.create(CONFIG, 9, root);
        NDManager m = root.newSubManager()) {
      // The encoder head's bias for the log-variances of latents 0 and 2 set far below the bound:
      // their log σ² is
      // about −250 for every input, while latents 1 and 3 stay in range.
      NDArray headBias = vae.parameterArrays().get(3);
      int latent = CONFIG.latent();
      headBias.set(new NDIndex("{}", latent), -250f);
      headBias.set(new NDIndex("{}", latent + 2), -250f);
      int b = 6;
      SplittableRandom r = new SplittableRandom(4);
      float[] xs = new float[b * CONFIG.inputDim()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = r.nextDouble() < 0.5 ? 1f : 0f;
      }
      NDArray x = m.create(xs, new Shape(b, CONFIG.inputDim()));
      NDArray eps = NoiseStream.normal(m, new Shape(b, latent), 3, Streams.TRAIN_NOISE, 1, 0);
      float[] rawLogVar = vae.encode(x, false).get(1).toFloatArray();
      assertThat(rawLogVar[0])
          .as("the premise: log σ² beyond the bound")
          .isLessThan(-Normal.MAX_ABS_LOG_VARIANCE);
      assertThat(Math.abs(rawLogVar[1])).isLessThan(10f);

      StepResult analytic = new MlpBernoulliStep(vae, 1.0).compute(x, eps);

      float[] expectedStats;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Independent q = VaeLosses.posterior(vae, x, true);
        Normal base = (Normal) q.base();
        NDArray z = base.scale().mul(eps).add(base.loc());
        NDArray recon = VaeLosses.reconstructionSum(CONFIG, x, vae.decode(z, true));
        NDArray kl = Kl.divergence(q, VaeLosses.prior(vae, x)).sum();
        NDArray objective = recon.add(kl);
        gc.backward(objective);
        expectedStats = new float[] {objective.getFloat(), recon.getFloat(), kl.getFloat()};
      }
      assertThat(analytic.stats().toFloatArray())
          .containsExactly(
              expectedStats,
              org.assertj.core.data.Offset.offset(1e-5f * Math.abs(expectedStats[0])));
      List<NDArray> params = vae.parameterArrays();
      for (int i = 0; i < params.size(); i++) {
        float[] expected = params.get(i).getGradient().toFloatArray();
        float[] actual = analytic.gradients().get(i).toFloatArray();
        double scale = 0;
        for (float v : expected) {
          scale = Math.max(scale, Math.abs(v));
        }
        assertThat(actual)
            .as(vae.parameterNames().get(i))
            .containsExactly(
                expected, org.assertj.core.data.Offset.offset((float) (1e-5 * scale + 1e-7)));
      }
      // The clipped latents' log-variance bias gets no gradient on either path (clip's derivative
      // is 0 there).
      float[] headBiasGradient = analytic.gradients().get(3).toFloatArray();
      assertThat(headBiasGradient[latent]).isEqualTo(0f);
      assertThat(headBiasGradient[latent + 2]).isEqualTo(0f);
      assertThat(Math.abs(headBiasGradient[latent + 1])).isGreaterThan(1e-4f);

      // The test-set loss uses the same rule: its KL is that of the core's Normal.
      NDArray sums = VaeLosses.negativeElboSums(vae, x, eps);
      assertThat(sums.getFloat(1))
          .isCloseTo(
              expectedStats[2],
              org.assertj.core.data.Offset.offset(1e-5f * Math.abs(expectedStats[2])));
    }
  }
}
