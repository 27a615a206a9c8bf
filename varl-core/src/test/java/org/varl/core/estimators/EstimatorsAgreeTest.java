package org.varl.core.estimators;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.Scalars;
import org.varl.testing.MonteCarlo;

/**
 * Every unbiased estimator agrees in expectation with the closed-form gradient, within a stated
 * Monte Carlo tolerance: for R independent estimates (each from S draws) the mean must lie within 5
 * standard errors ({@code 5·sd/√R}) of the truth, plus 1e-3 for float32 rounding. Fixed seed.
 *
 * <p>Gaussian problem: {@code q = N(μ, diag σ²)}, {@code f(z) = −½ Σ_j (z_j − a_j)²}, so {@code E_q
 * f = −½ Σ [(μ − a)² + σ²]}, {@code ∇_μ = a − μ}, {@code ∇_σ = −σ}.
 */
class EstimatorsAgreeTest {

  private static final float[] MU = {0.5f, 0f, -1f};
  private static final float[] SIGMA = {1f, 0.5f, 2f};
  private static final float[] A = {1f, -1f, 0f};
  private static final int R = 24;
  private static final int S = 4000;

  private NDManager root;

  @BeforeEach
  void setUp() {
    root = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(2024);
  }

  @AfterEach
  void tearDown() {
    root.close();
  }

  @Test
  void unbiasedEstimatorsMatchTheClosedFormGaussianGradient() {
    double[] truth = new double[6];
    for (int j = 0; j < 3; j++) {
      truth[j] = A[j] - MU[j];
      truth[3 + j] = -SIGMA[j];
    }
    LearnedBaseline learned = LearnedBaseline.linear(root, 1);
    List<GradientEstimator> estimators =
        List.of(
            new PathwiseEstimator(),
            new ScoreFunctionEstimator(),
            new ScoreFunctionEstimator(new ConstantBaseline(-2.0)),
            new ScoreFunctionEstimator(new MovingAverageBaseline(0.9)),
            new ScoreFunctionEstimator(learned));
    for (GradientEstimator estimator : estimators) {
      double[][] estimates = new double[R][];
      for (int r = 0; r < R; r++) {
        estimates[r] = gaussianGradient(estimator, learned);
      }
      assertWithinMonteCarloError(estimator.name(), estimates, truth);
    }
  }

  @Test
  void scoreFunctionMatchesTheClosedFormCategoricalGradient() {
    // q = softmax(θ), f(k) = c_k: ∇_θ E f = p ⊙ (c − p·c).
    float[] theta = {0.2f, -0.5f, 1f, 0f};
    float[] c = {1f, -2f, 0.5f, 3f};
    double[] p = new double[4];
    double norm = 0;
    for (int k = 0; k < 4; k++) {
      p[k] = Math.exp(theta[k]);
      norm += p[k];
    }
    double mean = 0;
    for (int k = 0; k < 4; k++) {
      p[k] /= norm;
      mean += p[k] * c[k];
    }
    double[] truth = new double[4];
    for (int k = 0; k < 4; k++) {
      truth[k] = p[k] * (c[k] - mean);
    }
    for (GradientEstimator estimator :
        List.of(
            new ScoreFunctionEstimator(),
            new ScoreFunctionEstimator(new MovingAverageBaseline(0.9)))) {
      double[][] estimates = new double[R][];
      for (int r = 0; r < R; r++) {
        try (NDManager step = root.newSubManager()) {
          NDArray logits = step.create(theta, new Shape(1, 4));
          logits.setRequiresGradient(true);
          NDArray values = step.create(c);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Surrogate s =
                estimator.surrogate(
                    Categorical.ofLogits(logits),
                    z -> z.oneHot(4).mul(values).sum(new int[] {-1}),
                    S);
            gc.backward(s.objective());
          }
          estimates[r] = toDouble(logits.getGradient().toFloatArray());
        }
      }
      assertWithinMonteCarloError(estimator.name(), estimates, truth);
    }
  }

  @Test
  void surrogateValueIsTheObjectiveForEveryEstimator() {
    LearnedBaseline learned = LearnedBaseline.linear(root, 1);
    for (GradientEstimator estimator :
        List.of(
            new PathwiseEstimator(),
            new ScoreFunctionEstimator(new ConstantBaseline(5)),
            new ScoreFunctionEstimator(learned))) {
      try (NDManager step = root.newSubManager()) {
        var q =
            Normal.diagonal(step.create(MU, new Shape(1, 3)), step.create(SIGMA, new Shape(1, 3)));
        NDArray a = step.create(A);
        List<NDArray> seen = new ArrayList<>();
        Surrogate s =
            estimator.surrogate(
                q,
                z -> {
                  NDArray fz = Scalars.mul(z.sub(a).square().sum(new int[] {-1}), -0.5f);
                  seen.add(fz);
                  return fz;
                },
                7,
                step.ones(new Shape(1, 1)));
        assertThat(s.objective().getFloat())
            .as(estimator.name())
            .isCloseTo(seen.get(0).mean().getFloat(), org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }

  private double[] gaussianGradient(GradientEstimator estimator, LearnedBaseline learned) {
    try (NDManager step = root.newSubManager()) {
      NDArray mu = step.create(MU, new Shape(1, 3));
      NDArray sigma = step.create(SIGMA, new Shape(1, 3));
      mu.setRequiresGradient(true);
      sigma.setRequiresGradient(true);
      NDArray a = step.create(A);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Surrogate s =
            estimator.surrogate(
                Normal.diagonal(mu, sigma),
                z -> Scalars.mul(z.sub(a).square().sum(new int[] {-1}), -0.5f),
                S,
                step.ones(new Shape(1, 1)));
        gc.backward(s.objective());
      }
      // Train the learned baseline by plain SGD on its regression loss L: the objective carries −∇L
      // for it.
      for (NDArray p : learned.parameters()) {
        step.tempAttachAll(p);
        p.addi(p.getGradient().mul(0.05f));
        NDArray g = p.getGradient();
        g.subi(g);
      }
      double[] out = new double[6];
      float[] gm = mu.getGradient().toFloatArray();
      float[] gs = sigma.getGradient().toFloatArray();
      for (int j = 0; j < 3; j++) {
        out[j] = gm[j];
        out[3 + j] = gs[j];
      }
      return out;
    }
  }

  /**
   * Per parameter j: the mean of the R estimates within 5 standard errors (+ 1e-3 for float32) of
   * truth[j].
   */
  static void assertWithinMonteCarloError(String name, double[][] estimates, double[] truth) {
    for (int j = 0; j < truth.length; j++) {
      double[] column = new double[estimates.length];
      for (int r = 0; r < estimates.length; r++) {
        column[r] = estimates[r][j];
      }
      MonteCarlo.assertMeanWithin(name + " parameter " + j, column, truth[j], 5, 1e-3);
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
