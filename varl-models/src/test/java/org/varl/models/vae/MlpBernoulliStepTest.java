package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.Scalars;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/** The hand-derived backward pass against DJL autograd on the same model, batch and noise. */
class MlpBernoulliStepTest {

  private static final VaeConfig CONFIG =
      new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 24, 5, 0.1, 1, 6, 6);

  @Test
  void gradientsAndLossMatchAutograd() {
    for (double beta : new double[] {1.0, 0.3}) {
      try (NDManager root = NDManager.newBaseManager();
          Vae vae = Vae.create(CONFIG, 7, root)) {
        NDManager m = root.newSubManager();
        int b = 9;
        SplittableRandom r = new SplittableRandom(3);
        float[] xs = new float[b * CONFIG.inputDim()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = (float) r.nextDouble(); // continuous targets in [0, 1], as in the benchmark
        }
        NDArray x = m.create(xs, new Shape(b, CONFIG.inputDim()));
        NDArray eps =
            NoiseStream.normal(m, new Shape(b, CONFIG.latent()), 11, Streams.TRAIN_NOISE, 1, 0);

        StepResult analytic = new MlpBernoulliStep(vae, beta).compute(x, eps);

        float[] autogradStats;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDList enc = vae.encode(x, true);
          NDArray mu = enc.get(0);
          NDArray logVar = enc.get(1);
          // Scalars, not x.mul(number): DJL lets the GC free such scalars before backward reads
          // them.
          NDArray z = Scalars.mul(logVar, 0.5f).exp().mul(eps).add(mu);
          NDArray logits = vae.decode(z, true);
          NDArray recon = VaeLosses.reconstructionSum(CONFIG, x, logits);
          NDArray kl = Scalars.mul(mu.square().add(logVar.exp()).sub(1f).sub(logVar).sum(), 0.5f);
          NDArray objective = recon.add(Scalars.mul(kl, (float) beta));
          gc.backward(objective);
          autogradStats = new float[] {objective.getFloat(), recon.getFloat(), kl.getFloat()};
        }
        assertThat(analytic.stats().toFloatArray())
            .containsExactly(
                autogradStats,
                org.assertj.core.data.Offset.offset(1e-5f * Math.abs(autogradStats[0])));
        List<NDArray> params = vae.parameterArrays();
        for (int i = 0; i < params.size(); i++) {
          float[] expected = params.get(i).getGradient().toFloatArray();
          float[] actual = analytic.gradients().get(i).toFloatArray();
          double maxAbs = 0;
          double maxErr = 0;
          for (int j = 0; j < expected.length; j++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[j]));
            maxErr = Math.max(maxErr, Math.abs(expected[j] - actual[j]));
          }
          // Relative to the gradient's scale: float32 sums in a different order differ by ~1e-7
          // relative.
          assertThat(maxErr)
              .as("%s (beta %s)", vae.parameterNames().get(i), beta)
              .isLessThan(1e-5 * maxAbs);
          assertThat(maxAbs)
              .as("gradient of %s is not trivially zero", vae.parameterNames().get(i))
              .isGreaterThan(1e-4);
        }
        m.close();
      }
    }
  }

  @Test
  void shardedStepSumsToTheWholeBatch() {
    try (NDManager root = NDManager.newBaseManager();
        Vae vae = Vae.create(CONFIG, 5, root);
        NDManager m = root.newSubManager();
        DataParallelStep sharded = new DataParallelStep(new MlpBernoulliStep(vae, 1.0), 3)) {
      int b = 10; // shards of 4, 4 and 2 rows
      SplittableRandom r = new SplittableRandom(8);
      float[] xs = new float[b * CONFIG.inputDim()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = r.nextDouble() < 0.3 ? 1f : 0f;
      }
      NDArray x = m.create(xs, new Shape(b, CONFIG.inputDim()));
      NDArray eps =
          NoiseStream.normal(m, new Shape(b, CONFIG.latent()), 2, Streams.TRAIN_NOISE, 1, 0);
      StepResult whole = new MlpBernoulliStep(vae, 1.0).compute(x, eps);
      DataParallelStep.ShardedResult parts = sharded.compute(x, eps);
      assertThat(parts.gradientShards()).hasSize(3);
      float[] expectedStats = whole.stats().toFloatArray();
      assertThat(parts.stats().toFloatArray())
          .containsExactly(
              expectedStats,
              org.assertj.core.data.Offset.offset(1e-5f * Math.abs(expectedStats[0])));
      for (int i = 0; i < whole.gradients().size(); i++) {
        float[] expected = whole.gradients().get(i).toFloatArray();
        float[] sum = new float[expected.length];
        for (List<NDArray> shard : parts.gradientShards()) {
          float[] g = shard.get(i).toFloatArray();
          for (int j = 0; j < sum.length; j++) {
            sum[j] += g[j];
          }
        }
        double scale = 0;
        for (float v : expected) {
          scale = Math.max(scale, Math.abs(v));
        }
        assertThat(sum)
            .containsExactly(expected, org.assertj.core.data.Offset.offset((float) (1e-5 * scale)));
      }
    }
  }
}
