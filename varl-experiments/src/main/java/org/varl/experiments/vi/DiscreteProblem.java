package org.varl.experiments.vi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Distribution;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.GumbelSoftmaxEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.LearnedBaseline;

/**
 * A discrete latent: {@code q = Categorical(softmax θ)} over K one-hot vectors {@code e_k}, {@code
 * f(y) = −‖y − t‖²} with a fixed point {@code t} inside the simplex. Closed form:
 *
 * <pre>
 *   E_q[f] = Σ_k p_k f(e_k),   f(e_k) = −(1 − 2t_k + ‖t‖²),   ∇_θ E_q[f] = p ⊙ (f(e) − p·f(e))
 * </pre>
 *
 * The score-function estimators see one-hot encoded category draws; the Gumbel-softmax estimators
 * see relaxed vectors, where {@code f} differs from its values at the vertices: that is their bias.
 */
final class DiscreteProblem implements GradientProblem {

  static final int K = 6;

  /** Temperature of the relaxation: 0.5, within the range Jang et al. (2017) recommend. */
  static final double TEMPERATURE = 0.5;

  private final NDArray theta;
  private final NDArray target;
  private final double[] truth;
  private final double constant;

  DiscreteProblem(NDManager root) {
    theta = root.randomNormal(0f, 1f, new Shape(1, K), DataType.FLOAT32);
    theta.setRequiresGradient(true);
    target = root.randomNormal(new Shape(K)).softmax(0);
    float[] th = theta.toFloatArray();
    float[] t = target.toFloatArray();
    double[] p = new double[K];
    double norm = 0;
    double tt = 0;
    for (int k = 0; k < K; k++) {
      p[k] = Math.exp(th[k]);
      norm += p[k];
      tt += t[k] * t[k];
    }
    double[] fe = new double[K];
    double mean = 0;
    for (int k = 0; k < K; k++) {
      p[k] /= norm;
      fe[k] = -(1 - 2 * t[k] + tt);
      mean += p[k] * fe[k];
    }
    truth = new double[K];
    double atMean = 0;
    for (int k = 0; k < K; k++) {
      truth[k] = p[k] * (fe[k] - mean);
      atMean -= (p[k] - t[k]) * (p[k] - t[k]);
    }
    constant = atMean;
  }

  @Override
  public String name() {
    return "discrete";
  }

  @Override
  public List<NDArray> parameters() {
    return List.of(theta);
  }

  @Override
  public List<NDArray> longLived() {
    return List.of(target);
  }

  @Override
  public Distribution q(NDManager scope) {
    return Categorical.ofLogits(theta);
  }

  @Override
  public Integrand f(NDManager scope) {
    return z -> {
      // Category indices [S, 1] from the score-function estimators are one-hot encoded; relaxed
      // draws are [S, 1, K].
      NDArray y = z.getShape().dimension() == 2 ? z.oneHot(K).toType(DataType.FLOAT32, false) : z;
      return y.sub(target).square().sum(new int[] {-1}).neg();
    };
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
    return "closed form: p * (f(e) - p.f(e))";
  }

  @Override
  public List<GradientEstimator> estimators(LearnedBaseline learned) {
    List<GradientEstimator> all =
        new ArrayList<>(GradientProblem.scoreFunctionFamily(constant, learned));
    all.add(new GumbelSoftmaxEstimator(TEMPERATURE, false));
    all.add(new GumbelSoftmaxEstimator(TEMPERATURE, true));
    return all;
  }
}
