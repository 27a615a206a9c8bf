package org.varl.core.bounds;

/**
 * The linear-Gaussian latent model and its closed forms, in double precision, as the reference for
 * the bounds:
 *
 * <pre>
 *   z ~ N(0, I_d),   x | z ~ N(W z + b, σ² I_D)                                      (W: [D][d])
 *   log p(x)        = log N(x; b, C),   C = W Wᵀ + σ² I_D
 *   p(z | x)        = N(μ, Σ),   Σ = (I_d + WᵀW / σ²)⁻¹,   μ = Σ Wᵀ (x − b) / σ²
 *   for q = N(m, diag s²), with r = x − b − W m:
 *   E_q log p(x|z)  = −(D/2) log(2πσ²) − (‖r‖² + Σ_j s_j² (WᵀW)_jj) / (2σ²)
 *   KL(q ‖ N(0, I)) = ½ Σ_j (s_j² + m_j² − 1 − log s_j²)
 *   ELBO(q)         = E_q log p(x|z) − KL(q ‖ N(0, I))
 * </pre>
 *
 * The Monte Carlo variances come from writing each integrand as a quadratic in {@code u = z − m ~
 * N(0, diag s²)}, {@code c + aᵀu − ½ uᵀ M u}, whose variance is {@code aᵀ S a + ½ tr(M S M S)}
 * (Gaussian moments; the linear and quadratic parts are uncorrelated):
 *
 * <pre>
 *   log p(x|z)                     a = Wᵀ r / σ²,          M = WᵀW / σ²
 *   log p(x|z) + log p(z) − log q  a = Wᵀ r / σ² − m,      M = WᵀW / σ² + I − diag(1/s²)
 * </pre>
 *
 * For the second (the log importance weight) both vanish at the exact posterior: {@code log w = log
 * p(x)} for every draw. Plain Java, no dependency: a Cholesky factorization is all the linear
 * algebra needed.
 */
final class LinearGaussian {

  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

  final double[][] w;
  final double[] b;
  final double sigma;
  private final int dataDim;
  private final int latentDim;

  LinearGaussian(double[][] w, double[] b, double sigma) {
    this.w = w;
    this.b = b;
    this.sigma = sigma;
    this.dataDim = w.length;
    this.latentDim = w[0].length;
  }

  int dataDim() {
    return dataDim;
  }

  int latentDim() {
    return latentDim;
  }

  /** {@code W z + b}. */
  double[] mean(double[] z) {
    double[] out = b.clone();
    for (int i = 0; i < dataDim; i++) {
      for (int j = 0; j < latentDim; j++) {
        out[i] += w[i][j] * z[j];
      }
    }
    return out;
  }

  /**
   * {@code log N(x; b, W Wᵀ + σ² I)}: with {@code C = L Lᵀ}, {@code log det C = 2 Σ log L_ii},
   * {@code y = L⁻¹(x − b)}.
   */
  double logMarginal(double[] x) {
    double[][] c = new double[dataDim][dataDim];
    for (int i = 0; i < dataDim; i++) {
      for (int k = 0; k < dataDim; k++) {
        double sum = i == k ? sigma * sigma : 0;
        for (int j = 0; j < latentDim; j++) {
          sum += w[i][j] * w[k][j];
        }
        c[i][k] = sum;
      }
    }
    double[][] l = cholesky(c);
    double[] y = new double[dataDim];
    double logDet = 0;
    double quadratic = 0;
    for (int i = 0; i < dataDim; i++) {
      double sum = x[i] - b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
      logDet += 2 * Math.log(l[i][i]);
      quadratic += y[i] * y[i];
    }
    return -0.5 * (dataDim * LOG_TWO_PI + logDet + quadratic);
  }

  /** The exact posterior covariance {@code Σ = (I + WᵀW / σ²)⁻¹}, {@code [d][d]}. */
  double[][] posteriorCovariance() {
    double[][] precision = gram();
    for (int j = 0; j < latentDim; j++) {
      for (int k = 0; k < latentDim; k++) {
        precision[j][k] = precision[j][k] / (sigma * sigma) + (j == k ? 1 : 0);
      }
    }
    return inverse(precision);
  }

  /** The exact posterior mean {@code μ = Σ Wᵀ (x − b) / σ²}. */
  double[] posteriorMean(double[] x) {
    double[][] cov = posteriorCovariance();
    double[] projected = new double[latentDim];
    for (int j = 0; j < latentDim; j++) {
      for (int i = 0; i < dataDim; i++) {
        projected[j] += w[i][j] * (x[i] - b[i]) / (sigma * sigma);
      }
    }
    double[] mu = new double[latentDim];
    for (int j = 0; j < latentDim; j++) {
      for (int k = 0; k < latentDim; k++) {
        mu[j] += cov[j][k] * projected[k];
      }
    }
    return mu;
  }

  /** {@code E_q log p(x | z)} for {@code q = N(m, diag s²)}. */
  double expectedLogLikelihood(double[] x, double[] m, double[] s) {
    double[] r = residual(x, m);
    double[][] gram = gram();
    double sum = 0;
    for (double ri : r) {
      sum += ri * ri;
    }
    for (int j = 0; j < latentDim; j++) {
      sum += s[j] * s[j] * gram[j][j];
    }
    return -0.5 * dataDim * (LOG_TWO_PI + 2 * Math.log(sigma)) - sum / (2 * sigma * sigma);
  }

  /** {@code KL(N(m, diag s²) ‖ N(0, I))}. */
  static double klToStandard(double[] m, double[] s) {
    double kl = 0;
    for (int j = 0; j < m.length; j++) {
      kl += 0.5 * (s[j] * s[j] + m[j] * m[j] - 1 - 2 * Math.log(s[j]));
    }
    return kl;
  }

  /** {@code ELBO(q) = E_q log p(x|z) − KL(q ‖ p(z))}. */
  double elbo(double[] x, double[] m, double[] s) {
    return expectedLogLikelihood(x, m, s) - klToStandard(m, s);
  }

  /**
   * {@code Var_q[log p(x | z)]}, the per-draw variance of the ELBO estimate with an analytic KL.
   */
  double logLikelihoodVariance(double[] x, double[] m, double[] s) {
    return quadraticVariance(likelihoodLinear(x, m), likelihoodCurvature(), s);
  }

  /**
   * {@code Var_q[log w]}, {@code log w = log p(x|z) + log p(z) − log q(z)}: the Monte Carlo-KL
   * ELBO's per draw.
   */
  double logWeightVariance(double[] x, double[] m, double[] s) {
    double[] a = likelihoodLinear(x, m);
    double[][] curvature = likelihoodCurvature();
    for (int j = 0; j < latentDim; j++) {
      a[j] -= m[j];
      curvature[j][j] += 1 - 1 / (s[j] * s[j]);
    }
    return quadraticVariance(a, curvature, s);
  }

  private double[] likelihoodLinear(double[] x, double[] m) {
    double[] r = residual(x, m);
    double[] a = new double[latentDim];
    for (int j = 0; j < latentDim; j++) {
      for (int i = 0; i < dataDim; i++) {
        a[j] += w[i][j] * r[i] / (sigma * sigma);
      }
    }
    return a;
  }

  private double[][] likelihoodCurvature() {
    double[][] g = gram();
    for (double[] row : g) {
      for (int k = 0; k < row.length; k++) {
        row[k] /= sigma * sigma;
      }
    }
    return g;
  }

  /** {@code Var[aᵀu − ½ uᵀ M u]} for {@code u ~ N(0, diag s²)}: {@code aᵀ S a + ½ tr(M S M S)}. */
  private static double quadraticVariance(double[] a, double[][] curvature, double[] s) {
    double variance = 0;
    for (int j = 0; j < a.length; j++) {
      variance += a[j] * a[j] * s[j] * s[j];
      for (int k = 0; k < a.length; k++) {
        // tr(M S M S) = Σ_jk M_jk s_k² M_kj s_j² for diagonal S.
        variance += 0.5 * curvature[j][k] * curvature[k][j] * s[j] * s[j] * s[k] * s[k];
      }
    }
    return variance;
  }

  private double[] residual(double[] x, double[] m) {
    double[] fitted = mean(m);
    double[] r = new double[dataDim];
    for (int i = 0; i < dataDim; i++) {
      r[i] = x[i] - fitted[i];
    }
    return r;
  }

  private double[][] gram() {
    double[][] g = new double[latentDim][latentDim];
    for (int j = 0; j < latentDim; j++) {
      for (int k = 0; k < latentDim; k++) {
        for (int i = 0; i < dataDim; i++) {
          g[j][k] += w[i][j] * w[i][k];
        }
      }
    }
    return g;
  }

  /**
   * Lower-triangular {@code L} with {@code L Lᵀ = a}, for symmetric positive definite {@code a}.
   */
  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k <= i; k++) {
        double sum = a[i][k];
        for (int j = 0; j < k; j++) {
          sum -= l[i][j] * l[k][j];
        }
        if (i == k) {
          if (!(sum > 0)) {
            throw new IllegalArgumentException(
                "matrix is not positive definite at pivot " + i + ": " + sum);
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][k] = sum / l[k][k];
        }
      }
    }
    return l;
  }

  /**
   * {@code a⁻¹} for symmetric positive definite {@code a}, column by column through its Cholesky
   * factor.
   */
  private static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] l = cholesky(a);
    double[][] inv = new double[n][n];
    for (int col = 0; col < n; col++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = i == col ? 1 : 0;
        for (int k = 0; k < i; k++) {
          sum -= l[i][k] * y[k];
        }
        y[i] = sum / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double sum = y[i];
        for (int k = i + 1; k < n; k++) {
          sum -= l[k][i] * inv[k][col];
        }
        inv[i][col] = sum / l[i][i];
      }
    }
    return inv;
  }
}
