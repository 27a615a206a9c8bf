package org.varl.bench.ssm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.EngineSetup;
import org.varl.core.kl.Kl;
import org.varl.core.random.NoiseStream;
import org.varl.models.ssm.LatentPath;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.Posterior;
import org.varl.models.ssm.ReplaySequences;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SequenceElbo;
import org.varl.models.ssm.SequenceModel;
import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmEncoder;
import org.varl.models.ssm.SsmLikelihood;
import org.varl.models.ssm.SsmTrainConfig;
import org.varl.models.ssm.SsmTrainer;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.replay.ReplayDirectory;
import org.varl.rl.repr.Collect;

/**
 * Training throughput of the vector state-space model (sequence-steps per second = B × T × steps /
 * s) for the filtering, smoothing and RSSM variants at the CLI's defaults (dim-z 2, dim-x 4, dim-a
 * 1, hidden 64, T = 50, B = 32), one PyTorch thread, and the share of a step spent outside matrix
 * products: every linear layer the step calls (known from the structure, forward and backward: y =
 * x Wᵀ, dX = dY W, dW = dYᵀ X) is replayed alone on arrays of the same shapes and timed; the rest
 * of the step is everything else (elementwise ops, splits, stacks, the distributions, autograd
 * bookkeeping, Adam, the JNI calls).
 *
 * <p>Then the ablation of what was done about per-op overhead: the ELBO's forward and backward pass
 * as {@link SequenceElbo#compute} has it (only the posterior, the reparameterization and the path
 * inside the loop over t; prior, decoder, distributions and KL once on the stacked {@code [B, T,
 * ·]} arrays) against the same mathematics written step by step (prior, decoder, three
 * distributions and a KL per time step), both on the filtering model.
 *
 * <p>Then the pixel model ({@code ssm train --data replay:DIR --dim-z 4 --hidden 128 --rssm}: 32×32
 * random-policy frames of {@code pendulum-pixels}, one per step, Bernoulli decoder) at the same T
 * and B.
 *
 * <p>Usage: {@code SsmThroughput [T=50] [B=32] [STEPS=200] [WARMUP=30] [ablation]} (the last: only
 * the ablation). Prints one line per variant.
 */
public final class SsmThroughput {

  private SsmThroughput() {}

  record Product(long m, long k, long n, int times) {}

  public static void main(String[] args) {
    int t = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int b = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    EngineSetup.threads(1);
    SequenceData data = LinearGaussianSsm.random(2, 4, 1, 1).sample(400, t, 1);
    SsmConfig base = SsmConfig.defaults(4, 1);
    List<SsmConfig> variants =
        List.of(
            base,
            base.withEncoder(SsmEncoder.SMOOTHING),
            base.withDeterministic(32),
            base.withDeterministic(32).withEncoder(SsmEncoder.SMOOTHING));
    boolean ablationOnly = args.length > 4 && args[4].equals("ablation");
    for (SsmConfig c : ablationOnly ? List.<SsmConfig>of() : variants) {
      measure(
          "ssm " + c.encoder().id() + (c.recurrent() ? " rssm" : ""), c, data, t, b, steps, warmup);
    }
    if (!ablationOnly) {
      // the pixel model of `varl ssm train --data replay:DIR --dim-z 4 --hidden 128 --rssm`: 32x32
      // frames of random-policy pendulum-pixels (frame-stack 1), Bernoulli decoder
      SequenceData frames = pixelWindows(t);
      SsmConfig pixels =
          SsmConfig.defaults(frames.dimX(), 1)
              .withDimZ(4)
              .withHidden(128)
              .withDeterministic(32)
              .withLikelihood(SsmLikelihood.BERNOULLI);
      measure("ssm pixels 32x32 filtering rssm", pixels, frames, t, b, steps, warmup);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      SequenceModel model = SequenceModel.create(m, base, 1);
      elboMs(model, data, b, true, 5);
      elboMs(model, data, b, false, 5);
      double batched = elboMs(model, data, b, true, 30);
      double perStep = elboMs(model, data, b, false, 30);
      System.out.printf(
          Locale.ROOT,
          "ssm filtering T %d B %d: ELBO forward+backward %.2f ms batched over time after the loop,"
              + " %.2f ms with prior, decoder, distributions and KL per time step (%.2fx)%n",
          t,
          b,
          batched,
          perStep,
          perStep / batched);
    }
  }

  /** Times {@code steps} training steps after {@code warmup} and prints one line. */
  static void measure(
      String label, SsmConfig c, SequenceData data, int t, int b, int steps, int warmup) {
    SsmTrainConfig tc = SsmTrainConfig.defaults().withBatchSize(b).withSteps(warmup);
    double stepMs;
    double[] each = new double[steps];
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run run = SsmTrainer.train(m, c, tc, data, SsmTrainer.Listener.none());
      long start = System.nanoTime();
      long[] last = {start};
      SsmTrainer.continueTo(
          m,
          run,
          warmup + steps,
          data,
          (k, total, e, r, kl) -> {
            long now = System.nanoTime();
            each[(int) (k - warmup - 1)] = (now - last[0]) / 1e6;
            last[0] = now;
          });
      stepMs = (System.nanoTime() - start) / 1e6 / steps;
    }
    java.util.Arrays.sort(each);
    double medianMs = each[steps / 2];
    double matmulMs = matmulMs(products(c, b, t), 20);
    System.out.printf(
        Locale.ROOT,
        "%s T %d B %d: %.2f ms/step mean (%.0f sequence-steps/s), %.2f median, %.2f"
            + " fastest; matrix products %.2f ms/step: %.1f%% of the fastest step, outside them"
            + " %.1f%%%n",
        label,
        t,
        b,
        stepMs,
        b * t / (stepMs / 1000),
        medianMs,
        each[0],
        matmulMs,
        100 * matmulMs / each[0],
        100 * (1 - matmulMs / each[0]));
  }

  /** Windows of {@code t} steps of 32x32 random-policy pendulum-pixels frames (frame-stack 1). */
  static SequenceData pixelWindows(int t) {
    int episodes = 20;
    Collect.Result r =
        Collect.run(
            new Collect.Config(
                "pendulum-pixels", new PixelOptions(32, 1), "random", 200L * episodes, 1),
            k -> {});
    try {
      Path dir = Files.createTempDirectory("varl-bench-ssm");
      try {
        ReplayDirectory.write(dir, r.contents());
        return ReplaySequences.read(dir, t, 2).data();
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forward and backward of the ELBO, batched over time after the loop or per step: ms. */
  static double elboMs(SequenceModel model, SequenceData data, int b, boolean batched, int reps) {
    int t = data.length();
    float[] xs = new float[b * t * data.dimX()];
    float[] as = new float[b * t * data.dimA()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) data.x()[i];
    }
    for (int i = 0; i < as.length; i++) {
      as[i] = (float) data.a()[i];
    }
    double best = Double.MAX_VALUE;
    try (NDManager root = NDManager.newBaseManager()) {
      for (int r = 0; r < reps; r++) {
        try (NDManager m = root.newSubManager()) {
          NDArray x = m.create(xs, new Shape(b, t, data.dimX()));
          NDArray a = m.create(as, new Shape(b, t, data.dimA()));
          NDArray eps = NoiseStream.normal(m, new Shape(t, b, model.config().dimZ()), 1, 2, r);
          long start = System.nanoTime();
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray elbo =
                batched
                    ? SequenceElbo.compute(
                            model, x, a, model.posterior(x), eps, SequenceElbo.Objective.plain())
                        .elbo()
                    : perStepElbo(model, x, a, model.posterior(x), eps);
            gc.backward(elbo.mean().neg());
          }
          best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
      }
    }
    return best;
  }

  /** The sequence ELBO written step by step (the naive form the batched one replaces). */
  static NDArray perStepElbo(
      SequenceModel model, NDArray x, NDArray a, Posterior posterior, NDArray eps) {
    int b = Math.toIntExact(x.getShape().get(0));
    int t = Math.toIntExact(x.getShape().get(1));
    int dz = model.config().dimZ();
    NDManager m = x.getManager();
    LatentPath path = model.path();
    NDArray xt = x.transpose(1, 0, 2);
    NDArray at = a.transpose(1, 0, 2);
    NDArray carry = m.zeros(new Shape(b, path.carrySize()));
    NDArray z = null;
    NDArray total = m.zeros(new Shape(b));
    for (int s = 0; s < t; s++) {
      if (s > 0) {
        carry = path.advance(carry, z, at.get(s - 1));
      }
      NDList q = posterior.at(s, carry).split(2, 1);
      NDList p =
          (s == 0
                  ? m.zeros(new Shape(b, 2L * dz)).add(model.initialPrior(m))
                  : model.transitionPrior(carry))
              .split(2, 1);
      Distribution qd = Normal.diagonalFromLogVariance(q.get(0), q.get(1));
      Distribution pd = Normal.diagonalFromLogVariance(p.get(0), p.get(1));
      // The reparameterization through the distribution's own σ: z = μ + σ ε.
      NDArray sigma = ((Normal) ((org.varl.core.distributions.Independent) qd).base()).scale();
      z = eps.get(s).mul(sigma).add(q.get(0));
      NDArray mean = model.decoderMean(path.features(carry, z));
      NDArray lv = mean.zerosLike().add(model.decoderLogVariance());
      NDArray recon = Normal.diagonalFromLogVariance(mean, lv).logProb(xt.get(s));
      total = total.add(recon.sub(Kl.divergence(qd, pd)));
    }
    return total;
  }

  /** The linear layers of one training step (forward), as (rows, in, out, calls). */
  static List<Product> products(SsmConfig c, int b, int t) {
    int dz = c.dimZ();
    int h = c.hidden();
    int d = c.deterministic();
    int carry = c.recurrent() ? d : dz + c.dimA();
    int embedding = c.encoder() == SsmEncoder.SMOOTHING ? c.encoderHidden() : c.dimX();
    int features = c.recurrent() ? d + dz : dz;
    List<Product> p = new ArrayList<>();
    p.add(new Product(b, carry + embedding, h, t));
    p.add(new Product(b, h, 2L * dz, t));
    if (c.recurrent()) {
      p.add(new Product(b, dz + c.dimA(), 3L * d, t - 1));
      p.add(new Product(b, d, 3L * d, t - 1));
    }
    if (c.encoder() == SsmEncoder.SMOOTHING) {
      p.add(new Product((long) b * t, c.dimX(), 3L * c.encoderHidden(), 1));
      p.add(new Product(b, c.encoderHidden(), 3L * c.encoderHidden(), t));
    }
    p.add(new Product((long) b * (t - 1), carry, h, 1));
    p.add(new Product((long) b * (t - 1), h, 2L * dz, 1));
    p.add(new Product((long) b * t, features, h, 1));
    p.add(new Product((long) b * t, h, c.dimX(), 1));
    return p;
  }

  /**
   * Fastest time (of {@code repeats}) of the step's products (forward and both backward ones), in
   * ms.
   */
  static double matmulMs(List<Product> products, int repeats) {
    double best = Double.MAX_VALUE;
    try (NDManager root = NDManager.newBaseManager()) {
      for (int r = 0; r < repeats; r++) {
        try (NDManager m = root.newSubManager()) {
          List<NDArray[]> arrays = new ArrayList<>();
          for (Product p : products) {
            arrays.add(
                new NDArray[] {
                  m.randomNormal(new Shape(p.m(), p.k())),
                  m.randomNormal(new Shape(p.n(), p.k())),
                  m.randomNormal(new Shape(p.n())),
                  m.randomNormal(new Shape(p.m(), p.n()))
                });
          }
          long start = System.nanoTime();
          for (int i = 0; i < products.size(); i++) {
            NDArray[] a = arrays.get(i);
            for (int k = 0; k < products.get(i).times(); k++) {
              a[0].getNDArrayInternal().linear(a[0], a[1], a[2]).singletonOrThrow().close();
              a[3].matMul(a[1]).close();
              a[3].transpose().matMul(a[0]).close();
            }
          }
          best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
      }
    }
    return best;
  }
}
