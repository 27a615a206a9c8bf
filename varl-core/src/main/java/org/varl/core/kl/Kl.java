package org.varl.core.kl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.Scalars;
import org.varl.core.numerics.StableMath;

/**
 * {@code KL(p ‖ q) = E_p[log p(x) − log q(x)]}, per batch member (shape: the broadcast of the two
 * batch shapes).
 *
 * <p>Analytic rules registered at class load:
 *
 * <pre>
 *   Normal–Normal         log(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²) / (2σ_q²) − ½
 *   Bernoulli–Bernoulli   σ(l_p)(softplus(−l_q) − softplus(−l_p)) + σ(−l_p)(softplus(l_q) − softplus(l_p))
 *   Categorical–Categorical Σ_k p_k (log p_k − log q_k)           (terms with p_k = 0 contribute 0, gradient too)
 *   Independent–Independent Σ over the reinterpreted dims of KL(base_p ‖ base_q)
 * </pre>
 *
 * Further pairs can be added with {@link #register}. Distribution classes are final, so the lookup
 * is by exact class pair.
 */
public final class Kl {

  private record Key(Class<?> p, Class<?> q) {}

  private static final Map<Key, BiFunction<Distribution, Distribution, NDArray>> RULES =
      new ConcurrentHashMap<>();

  static {
    register(Normal.class, Normal.class, Kl::normalNormal);
    register(Bernoulli.class, Bernoulli.class, Kl::bernoulliBernoulli);
    register(Categorical.class, Categorical.class, Kl::categoricalCategorical);
    register(Independent.class, Independent.class, Kl::independentIndependent);
  }

  private Kl() {}

  /** Registers (or replaces) the analytic KL for the pair {@code (P, Q)}. */
  @SuppressWarnings("unchecked")
  public static <P extends Distribution, Q extends Distribution> void register(
      Class<P> p, Class<Q> q, BiFunction<? super P, ? super Q, NDArray> rule) {
    RULES.put(new Key(p, q), (a, b) -> ((BiFunction<P, Q, NDArray>) rule).apply((P) a, (Q) b));
  }

  /** Whether an analytic rule is registered for the pair of classes. */
  public static boolean isRegistered(
      Class<? extends Distribution> p, Class<? extends Distribution> q) {
    return RULES.containsKey(new Key(p, q));
  }

  /**
   * The analytic {@code KL(p ‖ q)}, shape the broadcast of the batch shapes.
   *
   * @throws UnsupportedOperationException if no rule is registered for the pair; the message names
   *     both classes and points at {@link #monteCarlo(Distribution, Distribution, int)}
   * @throws IllegalArgumentException if the event shapes differ or the batch shapes do not
   *     broadcast
   */
  public static NDArray divergence(Distribution p, Distribution q) {
    BiFunction<Distribution, Distribution, NDArray> rule =
        RULES.get(new Key(p.getClass(), q.getClass()));
    if (rule == null) {
      throw new UnsupportedOperationException(
          "no analytic KL registered for ("
              + p.getClass().getSimpleName()
              + ", "
              + q.getClass().getSimpleName()
              + "); use the Monte Carlo estimate Kl.monteCarlo(p, q, numSamples) or "
              + "Kl.register("
              + p.getClass().getSimpleName()
              + ".class, "
              + q.getClass().getSimpleName()
              + ".class, rule)");
    }
    requireCompatible(p, q);
    return rule.apply(p, q);
  }

  /**
   * The Monte Carlo estimate {@code (1/n) Σ_i [log p(x_i) − log q(x_i)]}, {@code x_i ~ p}, shape
   * the broadcast of the batch shapes. The draws are reparameterized when {@code p.hasRsample()},
   * so the estimate carries the pathwise gradient; otherwise they are plain samples and only the
   * value (not the gradient with respect to p's parameters) is unbiased.
   */
  public static NDArray monteCarlo(Distribution p, Distribution q, int numSamples) {
    if (numSamples < 1) {
      throw new IllegalArgumentException("numSamples must be >= 1, found " + numSamples);
    }
    requireCompatible(p, q);
    NDArray x = p.hasRsample() ? p.rsample(new Shape(numSamples)) : p.sample(new Shape(numSamples));
    return p.logProb(x).sub(q.logProb(x)).mean(new int[] {0});
  }

  static NDArray normalNormal(Normal p, Normal q) {
    NDArray varianceRatio = p.scale().div(q.scale()).square();
    NDArray meanTerm = p.loc().sub(q.loc()).div(q.scale()).square();
    // ½ (r + m − 1 − log r) with r = σ_p²/σ_q², m = (μ_p − μ_q)²/σ_q²; log r = 2 (log σ_p − log
    // σ_q) exactly.
    NDArray logRatio = Scalars.mul(p.logScale().sub(q.logScale()), 2f);
    return Scalars.mul(varianceRatio.add(meanTerm).sub(logRatio).sub(1f), 0.5f);
  }

  static NDArray bernoulliBernoulli(Bernoulli p, Bernoulli q) {
    NDArray lp = p.logits();
    NDArray lq = q.logits();
    NDArray probP = p.probs();
    // log p1 = −softplus(−l), log p0 = −softplus(l): every log is finite for finite logits.
    NDArray one = StableMath.softplus(lq.neg()).sub(StableMath.softplus(lp.neg()));
    NDArray zero = StableMath.softplus(lq).sub(StableMath.softplus(lp));
    return probP.mul(one).add(probP.neg().add(1f).mul(zero));
  }

  static NDArray categoricalCategorical(Categorical p, Categorical q) {
    if (p.numCategories() != q.numCategories()) {
      throw new IllegalArgumentException(
          "KL(Categorical || Categorical) needs the same number of categories,"
              + " found p "
              + p.numCategories()
              + " and q "
              + q.numCategories());
    }
    NDArray logP = p.logits();
    // p_k = 0 contributes 0, also where log q_k = −inf (−inf − −inf = NaN): xLogY masks the log
    // ratio before the
    // product, so the gradient of a masked category is 0 rather than 0 · (−inf) = NaN.
    return StableMath.xLogY(logP.exp(), logP.sub(q.logits())).sum(new int[] {-1});
  }

  static NDArray independentIndependent(Independent p, Independent q) {
    if (p.reinterpretedBatchDims() != q.reinterpretedBatchDims()) {
      throw new IllegalArgumentException(
          "KL(Independent ‖ Independent) needs the same number of reinterpreted "
              + "dims, found "
              + p.reinterpretedBatchDims()
              + " and "
              + q.reinterpretedBatchDims());
    }
    return Independent.sumRightmost(divergence(p.base(), q.base()), p.reinterpretedBatchDims());
  }

  private static void requireCompatible(Distribution p, Distribution q) {
    if (!p.eventShape().equals(q.eventShape())) {
      throw new IllegalArgumentException(
          "KL needs equal event shapes, found p " + p.eventShape() + " and q " + q.eventShape());
    }
    Shape a = p.batchShape();
    Shape b = q.batchShape();
    for (int i = 1; i <= Math.min(a.dimension(), b.dimension()); i++) {
      long x = a.get(a.dimension() - i);
      long y = b.get(b.dimension() - i);
      if (x != y && x != 1 && y != 1) {
        throw new IllegalArgumentException(
            "KL needs broadcastable batch shapes, found p " + a + " and q " + b);
      }
    }
  }
}
