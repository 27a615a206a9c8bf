package org.varl.bench.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.core.engine.EngineSetup;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmEncoder;
import org.varl.models.ssm.SsmTrainConfig;
import org.varl.models.ssm.SsmTrainer;

/**
 * Training throughput of the vector state-space model (sequence-steps per second = B × T × steps /
 * s) for the filtering, smoothing and RSSM variants at the CLI's defaults (dim-z 2, dim-x 4, dim-a
 * 1, hidden 64, T = 50, B = 32), one PyTorch thread, and the share of a step spent outside matrix
 * products: every linear layer the step calls (known from the structure, forward and backward: y =
 * x Wᵀ, dX = dY W, dW = dYᵀ X) is replayed alone on arrays of the same shapes and timed; the rest
 * of the step is everything else (elementwise ops, splits, stacks, the distributions, autograd
 * bookkeeping, Adam, the JNI calls).
 *
 * <p>Usage: {@code SsmThroughput [T=50] [B=32] [STEPS=200] [WARMUP=30]}. Prints one line per
 * variant.
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
    for (SsmConfig c : variants) {
      SsmTrainConfig tc = SsmTrainConfig.defaults().withBatchSize(b).withSteps(warmup);
      double stepMs;
      try (NDManager m = NDManager.newBaseManager()) {
        SsmTrainer.Run run = SsmTrainer.train(m, c, tc, data, SsmTrainer.Listener.none());
        long start = System.nanoTime();
        SsmTrainer.continueTo(m, run, warmup + steps, data, SsmTrainer.Listener.none());
        stepMs = (System.nanoTime() - start) / 1e6 / steps;
      }
      double matmulMs = matmulMs(products(c, b, t), 20);
      System.out.printf(
          Locale.ROOT,
          "ssm %s%s T %d B %d: %.2f ms/step, %.0f sequence-steps/s; matrix products %.2f ms/step"
              + " (%.1f%%), outside them %.1f%%%n",
          c.encoder().id(),
          c.recurrent() ? " rssm" : "",
          t,
          b,
          stepMs,
          b * t / (stepMs / 1000),
          matmulMs,
          100 * matmulMs / stepMs,
          100 * (1 - matmulMs / stepMs));
    }
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

  /** Mean time of the step's products (forward and both backward ones), in ms. */
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
