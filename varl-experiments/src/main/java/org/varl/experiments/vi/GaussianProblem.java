package org.varl.experiments.vi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.Scalars;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.LearnedBaseline;
import org.varl.core.estimators.PathwiseEstimator;

/**
 * A conjugate Gaussian latent model with a closed-form gradient: {@code z ~ N(0, I_d)}, {@code x |
 * z ~ N(z, I_d)}, {@code q = N(μ, diag e^{2ρ})}, {@code f(z) = log p(x, z)}:
 *
 * <pre>
 *   E_q[f] = −Σ_j [ (x_j − μ_j)² + μ_j² + 2σ_j² ] / 2 + const
 *   ∂/∂μ_j = x_j − 2μ_j        ∂/∂ρ_j = −2σ_j²           (σ = e^ρ)
 * </pre>
 *
 * The ELBO's entropy term has a closed form and the same gradient under every estimator, so it is
 * left out.
 */
final class GaussianProblem implements GradientProblem {

  static final int DIM = 10;
  private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

  private final NDArray x;
  private final NDArray mu;
  private final NDArray rho;
  private final double[] truth;
  private final double constant;

  GaussianProblem(NDManager root) {
    x = root.randomNormal(0f, 1.5f, new Shape(1, DIM), DataType.FLOAT32);
    mu = root.randomNormal(0f, 0.5f, new Shape(1, DIM), DataType.FLOAT32);
    rho = root.full(new Shape(1, DIM), (float) Math.log(0.8));
    mu.setRequiresGradient(true);
    rho.setRequiresGradient(true);
    float[] xs = x.toFloatArray();
    float[] ms = mu.toFloatArray();
    truth = new double[2 * DIM];
    double f = 0;
    for (int j = 0; j < DIM; j++) {
      truth[j] = xs[j] - 2.0 * ms[j];
      truth[DIM + j] = -2.0 * 0.8 * 0.8;
      f += -0.5 * ((xs[j] - ms[j]) * (xs[j] - ms[j]) + ms[j] * ms[j]) - 2 * HALF_LOG_TWO_PI;
    }
    constant = f;
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public List<NDArray> parameters() {
    return List.of(mu, rho);
  }

  @Override
  public List<NDArray> longLived() {
    return List.of(x);
  }

  @Override
  public Distribution q(NDManager scope) {
    return Normal.diagonal(mu, rho.exp());
  }

  @Override
  public Integrand f(NDManager scope) {
    // log N(x; z, 1) + log N(z; 0, 1), summed over the d coordinates: [S, 1, d] → [S, 1]
    return z ->
        Scalars.mul(z.sub(x).square().add(z.square()), -0.5f)
            .sub(2 * HALF_LOG_TWO_PI)
            .sum(new int[] {-1});
  }

  @Override
  public NDArray context(NDManager scope) {
    return scope.ones(new Shape(1, 1));
  }

  @Override
  public int contextDim() {
    return 1;
  }

  @Override
  public double constantBaseline() {
    return constant;
  }

  @Override
  public double[] trueGradient() {
    return truth.clone();
  }

  @Override
  public double trueGradientError() {
    return 0; // closed form, evaluated in double precision
  }

  @Override
  public String trueGradientSource() {
    return "closed form: d/dmu = x - 2 mu, d/drho = -2 sigma^2";
  }

  @Override
  public List<GradientEstimator> estimators(LearnedBaseline learned) {
    List<GradientEstimator> all = new ArrayList<>(List.of(new PathwiseEstimator()));
    all.addAll(GradientProblem.scoreFunctionFamily(constant, learned));
    return all;
  }
}
