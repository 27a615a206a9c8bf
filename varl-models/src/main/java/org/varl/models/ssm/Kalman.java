package org.varl.models.ssm;

/**
 * Exact inference in a {@link LinearGaussianSsm}: the Kalman filter's log p(x_{1:T} | a_{1:T}) and
 * filtering moments, and the exact smoothing conditionals p(z_t | z_{t−1}, x_{t:T}) that the
 * sequential models' smoothing encoder approximates.
 *
 * <pre>
 *   predict:  m⁻_1 = μ_0, P⁻_1 = P_0;   m⁻_{t+1} = A m_t + B a_t,  P⁻_{t+1} = A P_t Aᵀ + Q
 *   update:   S_t = C P⁻_t Cᵀ + R,  K_t = P⁻_t Cᵀ S_t⁻¹,
 *             m_t = m⁻_t + K_t (x_t − C m⁻_t),  P_t = (I − K_t C) P⁻_t
 *   log p(x_{1:T}) = Σ_t log N(x_t; C m⁻_t, S_t)          (the prediction-error decomposition)
 * </pre>
 *
 * (Kalman 1960; e.g. Särkkä, "Bayesian Filtering and Smoothing", 2013, ch. 4.) The covariance
 * update is written in Joseph form, (I − KC) P⁻ (I − KC)ᵀ + K R Kᵀ, which stays symmetric positive
 * definite under rounding.
 */
public final class Kalman {

  private Kalman() {}

  /**
   * Filtering moments and the log-likelihood of one sequence.
   *
   * @param means m_t = E[z_t | x_{1:t}], {@code [T][dz]}
   * @param covariances P_t = Cov[z_t | x_{1:t}], {@code [T][dz][dz]}
   * @param logLikelihood log p(x_{1:T} | a_{1:T}) in nats
   */
  public record Filtered(double[][] means, double[][][] covariances, double logLikelihood) {}

  /**
   * The exact smoothing conditionals of one sequence, q*(z_t | z_{t−1}) = p(z_t | z_{t−1}, a_{t−1},
   * x_{t:T}) = N(G_t z_{t−1} + o_t, S_t), with {@code G_1 = 0} (z_1 has no predecessor). Their
   * product is the exact posterior p(z_{1:T} | x_{1:T}), so the ELBO at it equals log p(x_{1:T}).
   *
   * @param gains G_t, {@code [T][dz][dz]}
   * @param offsets o_t, {@code [T][dz]}
   * @param covariances S_t, {@code [T][dz][dz]}
   */
  public record Conditionals(double[][][] gains, double[][] offsets, double[][][] covariances) {}

  /** log p(x_{1:T} | a_{1:T}) for {@code x: [T][dx]}, {@code a: [T][da]}. */
  public static double logLikelihood(LinearGaussianSsm model, double[][] x, double[][] a) {
    return filter(model, x, a).logLikelihood();
  }

  /** log p(x_{1:T} | a_{1:T}) of every sequence of the data set, in nats. */
  public static double[] logLikelihoods(LinearGaussianSsm model, SequenceData data) {
    requireFits(model, data);
    double[] out = new double[data.sequences()];
    for (int s = 0; s < out.length; s++) {
      out[s] = logLikelihood(model, data.observations(s), data.actions(s));
    }
    return out;
  }

  /**
   * @throws IllegalArgumentException if the data's observation or action dimension is not the
   *     model's (the message names both)
   */
  public static void requireFits(LinearGaussianSsm model, SequenceData data) {
    if (data.dimX() != model.dimX()) {
      throw new IllegalArgumentException(
          "the model's C has "
              + model.dimX()
              + " rows (dimX) but the data have "
              + data.dimX()
              + " observation columns");
    }
    if (data.dimA() != model.dimA()) {
      throw new IllegalArgumentException(
          "the model's B has "
              + model.dimA()
              + " columns (dimA) but the data have "
              + data.dimA()
              + " action columns");
    }
  }

  /** The filter over one sequence ({@code x: [T][dx]}, {@code a: [T][da]}). */
  public static Filtered filter(LinearGaussianSsm model, double[][] x, double[][] a) {
    int n = x.length;
    int dz = model.dimZ();
    double[][] am = model.a();
    double[][] at = Matrices.transpose(am);
    double[][] bm = model.b();
    double[][] c = model.c();
    double[][] ct = Matrices.transpose(c);
    double[][] q = model.q();
    double[][] r = model.r();
    double[] m = model.mu0();
    double[][] p = model.p0();
    double[][] means = new double[n][];
    double[][][] covs = new double[n][][];
    double logLik = 0;
    for (int t = 0; t < n; t++) {
      if (t > 0) {
        m = Matrices.add(Matrices.multiply(am, means[t - 1]), Matrices.multiply(bm, a[t - 1]));
        p =
            Matrices.symmetrize(
                Matrices.add(Matrices.multiply(Matrices.multiply(am, covs[t - 1]), at), q));
      }
      double[][] pct = Matrices.multiply(p, ct);
      double[][] s = Matrices.symmetrize(Matrices.add(Matrices.multiply(c, pct), r));
      double[][] ls = Matrices.cholesky(s);
      if (ls == null) {
        throw new IllegalStateException(
            "innovation covariance at step " + t + " lost definiteness");
      }
      double[] predicted = Matrices.multiply(c, m);
      logLik += Matrices.logNormal(x[t], predicted, ls);
      // K = P Cᵀ S⁻¹ = (S⁻¹ C P)ᵀ, S and P symmetric.
      double[][] k = Matrices.transpose(Matrices.solve(ls, Matrices.transpose(pct)));
      means[t] = Matrices.add(m, Matrices.multiply(k, Matrices.subtract(x[t], predicted)));
      double[][] ikc = Matrices.subtract(Matrices.identity(dz), Matrices.multiply(k, c));
      double[][] joseph =
          Matrices.add(
              Matrices.multiply(Matrices.multiply(ikc, p), Matrices.transpose(ikc)),
              Matrices.multiply(Matrices.multiply(k, r), Matrices.transpose(k)));
      covs[t] = Matrices.symmetrize(joseph);
    }
    return new Filtered(means, covs, logLik);
  }

  /**
   * The exact smoothing conditionals by a backward information filter: β_t(z) = p(x_{t:T} | z_t) ∝
   * exp(−½ zᵀ J_t z + h_tᵀ z) with
   *
   * <pre>
   *   J_T = Cᵀ R⁻¹ C,  h_T = Cᵀ R⁻¹ x_T;
   *   Λ = Q⁻¹ + J_{t+1},  K = Q⁻¹ − Q⁻¹ Λ⁻¹ Q⁻¹,  k = Q⁻¹ Λ⁻¹ h_{t+1}:
   *   J_t = Aᵀ K A + Cᵀ R⁻¹ C,   h_t = Aᵀ (k − K B a_t) + Cᵀ R⁻¹ x_t
   * </pre>
   *
   * and then p(z_t | z_{t−1}) ∝ N(z_t; A z_{t−1} + B a_{t−1}, Q) β_t(z_t): precision Q⁻¹ + J_t
   * (P_0⁻¹ + J_1 at t = 1, with mean μ_0).
   */
  public static Conditionals smoothingConditionals(
      LinearGaussianSsm model, double[][] x, double[][] a) {
    int n = x.length;
    int dz = model.dimZ();
    double[][] am = model.a();
    double[][] at = Matrices.transpose(am);
    double[][] bm = model.b();
    double[][] c = model.c();
    double[][] ct = Matrices.transpose(c);
    double[][] qi = inverse(model.q());
    double[][] ri = inverse(model.r());
    double[][] ctri = Matrices.multiply(ct, ri);
    double[][] ctric = Matrices.multiply(ctri, c);
    double[][][] j = new double[n][][];
    double[][] h = new double[n][];
    j[n - 1] = ctric;
    h[n - 1] = Matrices.multiply(ctri, x[n - 1]);
    for (int t = n - 2; t >= 0; t--) {
      double[][] lambdaInv = inverse(Matrices.add(qi, j[t + 1]));
      double[][] qiLi = Matrices.multiply(qi, lambdaInv);
      double[][] k = Matrices.subtract(qi, Matrices.multiply(qiLi, qi));
      double[] kv = Matrices.multiply(qiLi, h[t + 1]);
      double[] inner = Matrices.subtract(kv, Matrices.multiply(k, Matrices.multiply(bm, a[t])));
      j[t] =
          Matrices.symmetrize(Matrices.add(Matrices.multiply(Matrices.multiply(at, k), am), ctric));
      h[t] = Matrices.add(Matrices.multiply(at, inner), Matrices.multiply(ctri, x[t]));
    }
    double[][][] gains = new double[n][][];
    double[][] offsets = new double[n][];
    double[][][] covs = new double[n][][];
    double[][] p0i = inverse(model.p0());
    for (int t = 0; t < n; t++) {
      double[][] priorPrecision = t == 0 ? p0i : qi;
      double[][] s = Matrices.symmetrize(inverse(Matrices.add(priorPrecision, j[t])));
      covs[t] = s;
      if (t == 0) {
        gains[t] = new double[dz][dz];
        offsets[t] = Matrices.multiply(s, Matrices.add(Matrices.multiply(p0i, model.mu0()), h[t]));
      } else {
        gains[t] = Matrices.multiply(Matrices.multiply(s, qi), am);
        offsets[t] =
            Matrices.multiply(
                s, Matrices.add(Matrices.multiply(qi, Matrices.multiply(bm, a[t - 1])), h[t]));
      }
    }
    return new Conditionals(gains, offsets, covs);
  }

  private static double[][] inverse(double[][] s) {
    double[][] l = Matrices.cholesky(Matrices.symmetrize(s));
    if (l == null) {
      throw new IllegalStateException("a precision matrix lost definiteness");
    }
    return Matrices.solve(l, Matrices.identity(s.length));
  }
}
