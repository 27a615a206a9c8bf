package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.varl.core.distributions.Normal;
import org.varl.core.kl.Kl;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * The bound of {@link Ddpm} on data, every term computed (not the one-sample estimate over t): for
 * each example x_0 and each t, one draw {@code x_t ~ q(x_t | x_0)} and
 *
 * <pre>
 *   t ≥ 2:  L_{t−1} = KL( N(μ̃_t(x_t, x_0), β̃_t I) ‖ N(μ_θ(x_t, t), σ_t² I) )     (Kl.divergence, Normal–Normal)
 *   t = 1:  L_0     = −log N(x_0; μ_θ(x_1, 1), σ_1² I)                          (Normal.logProb, nats)
 *   L_T             = KL( N(√ᾱ_T x_0, (1 − ᾱ_T) I) ‖ N(0, I) )                 (Kl.divergence)
 * </pre>
 *
 * each summed over the d dimensions; the mean and standard error over examples of each term and of
 * the total. Beside it, the one-sample estimate that {@link DdpmLoss#VLB} trains on, computed from
 * the ε-form of {@link Ddpm} ({@code T (λ_t ‖ε − ε_θ‖² + d c_t) + L_T}, t uniform per example) with
 * its own noise: an independent path to the same expectation, so the two must agree within Monte
 * Carlo error. Noise: (seed, {@code Streams.EVAL_NOISE}, t) for the per-t draws and (seed,
 * EVAL_NOISE, 0) for the one-sample estimate.
 */
public final class DdpmBound {

  /** Rows per network evaluation. */
  static final int CHUNK = 4096;

  private DdpmBound() {}

  /**
   * The bound on the points {@code x0} (row-major {@code [n, d]}); {@code progress} is told each t
   * done (T + 1 units in all, the last for the one-sample estimate).
   */
  public static BoundResult evaluate(
      Ddpm ddpm,
      EpsilonModel model,
      float[] x0,
      int d,
      long seed,
      NDManager parent,
      IntConsumer progress) {
    if (d < 1 || x0.length == 0 || x0.length % d != 0) {
      throw new IllegalArgumentException(
          "x0 must hold at least one point of dimension " + d + ", found " + x0.length + " values");
    }
    int n = x0.length / d;
    int bigT = ddpm.steps();
    NoiseSchedule s = ddpm.schedule();
    double[] termMean = new double[bigT];
    double[] termSe = new double[bigT];
    double[] total = new double[n];
    double[] prior = prior(ddpm, x0, n, d, parent);
    for (int i = 0; i < n; i++) {
      total[i] = prior[i];
    }
    for (int t = 1; t <= bigT; t++) {
      double[] term = term(ddpm, model, x0, n, d, t, seed, parent);
      double[] ms = meanSe(term);
      termMean[t - 1] = ms[0];
      termSe[t - 1] = ms[1];
      for (int i = 0; i < n; i++) {
        total[i] += term[i];
      }
      if (progress != null) {
        progress.accept(1);
      }
    }
    double[] one = oneSample(ddpm, model, x0, n, d, seed, parent);
    if (progress != null) {
      progress.accept(1);
    }
    double[] p = meanSe(prior);
    double[] tot = meanSe(total);
    double[] os = meanSe(one);
    return new BoundResult(n, termMean, termSe, p[0], p[1], tot[0], tot[1], os[0], os[1]);
  }

  /** L_T per example through Kl.divergence. */
  private static double[] prior(Ddpm ddpm, float[] x0, int n, int d, NDManager parent) {
    double ab = ddpm.schedule().alphaBar(ddpm.steps());
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(x0, new Shape(n, d));
      NDArray loc = x.mul(m.create((float) Math.sqrt(ab)));
      Normal q = Normal.of(loc, m.full(loc.getShape(), (float) Math.sqrt(1 - ab)));
      Normal p = Normal.standard(m, loc.getShape());
      return toDouble(Kl.divergence(q, p).sum(new int[] {1}).toFloatArray());
    }
  }

  /** L_{t−1} per example (see the class javadoc), one x_t draw each. */
  private static double[] term(
      Ddpm ddpm, EpsilonModel model, float[] x0, int n, int d, int t, long seed, NDManager parent) {
    NoiseSchedule s = ddpm.schedule();
    float sab = (float) Math.sqrt(s.alphaBar(t));
    float s1ab = (float) Math.sqrt(1 - s.alphaBar(t));
    SplittableRandom r = NoiseStream.generator(seed, Streams.EVAL_NOISE, t);
    float[] xt = new float[n * d];
    for (int k = 0; k < xt.length; k++) {
      xt[k] = sab * x0[k] + s1ab * (float) r.nextGaussian();
    }
    float[] eps = predict(model, xt, n, d, t, parent);
    float[] mu = ddpm.mean(xt, eps, t);
    float sigma = (float) Math.sqrt(ddpm.sigma2(t));
    try (NDManager m = parent.newSubManager()) {
      Shape shape = new Shape(n, d);
      Normal p = Normal.of(m.create(mu, shape), m.full(shape, sigma, DataType.FLOAT32));
      NDArray perDim;
      if (t == 1) {
        perDim = p.logProb(m.create(x0, shape)).neg();
      } else {
        float c1 = (float) s.posteriorMeanCoef1(t);
        float c2 = (float) s.posteriorMeanCoef2(t);
        float[] tilde = new float[n * d];
        for (int k = 0; k < tilde.length; k++) {
          tilde[k] = c1 * x0[k] + c2 * xt[k];
        }
        Normal q =
            Normal.of(
                m.create(tilde, shape),
                m.full(shape, (float) Math.sqrt(s.posteriorVariance(t)), DataType.FLOAT32));
        perDim = Kl.divergence(q, p);
      }
      return toDouble(perDim.sum(new int[] {1}).toFloatArray());
    }
  }

  /** T (λ_t ‖ε − ε_θ‖² + d c_t) + L_T per example, t uniform per example. */
  private static double[] oneSample(
      Ddpm ddpm, EpsilonModel model, float[] x0, int n, int d, long seed, NDManager parent) {
    NoiseSchedule s = ddpm.schedule();
    int bigT = ddpm.steps();
    SplittableRandom r = NoiseStream.generator(seed, Streams.EVAL_NOISE, 0);
    int[] t = new int[n];
    float[] eps = new float[n * d];
    float[] xt = new float[n * d];
    for (int i = 0; i < n; i++) {
      t[i] = 1 + r.nextInt(bigT);
    }
    for (int k = 0; k < xt.length; k++) {
      int ti = t[k / d];
      eps[k] = (float) r.nextGaussian();
      xt[k] = (float) (Math.sqrt(s.alphaBar(ti)) * x0[k] + Math.sqrt(1 - s.alphaBar(ti)) * eps[k]);
    }
    float[] pred = predictRows(model, xt, t, n, d, parent);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int j = 0; j < d; j++) {
        double e = eps[i * d + j] - pred[i * d + j];
        sq += e * e;
      }
      out[i] = bigT * (ddpm.lambda(t[i]) * sq + d * ddpm.constant(t[i])) + ddpm.priorTerm(x0, i, d);
    }
    return out;
  }

  private static float[] predict(
      EpsilonModel model, float[] xt, int n, int d, int t, NDManager parent) {
    int[] ts = new int[n];
    java.util.Arrays.fill(ts, t);
    return predictRows(model, xt, ts, n, d, parent);
  }

  /** ε_θ in chunks of {@value #CHUNK} rows, each in its own scope. */
  static float[] predictRows(
      EpsilonModel model, float[] xt, int[] t, int n, int d, NDManager parent) {
    float[] out = new float[n * d];
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      float[] rows = java.util.Arrays.copyOfRange(xt, from * d, to * d);
      int[] ts = java.util.Arrays.copyOfRange(t, from, to);
      try (NDManager m = parent.newSubManager()) {
        System.arraycopy(model.predict(m, rows, ts), 0, out, from * d, (to - from) * d);
      }
    }
    return out;
  }

  private static double[] meanSe(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double se = v.length > 1 ? Math.sqrt(ss / (v.length - 1) / v.length) : Double.NaN;
    return new double[] {mean, se};
  }

  private static double[] toDouble(float[] f) {
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }
}
