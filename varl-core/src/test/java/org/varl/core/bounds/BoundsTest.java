package org.varl.core.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;

/**
 * The bounds on a linear-Gaussian model where {@code log p(x)} is known:
 * {@code z ~ N(0, I_d)}, {@code x | z ~ N(z, σ_x² I_d)}, so {@code x ~ N(0, (1 + σ_x²) I_d)}.
 */
class BoundsTest {

  private static final int D = 3;
  private static final float SIGMA_X = 0.5f;

  private NDManager manager;
  private NDArray x;
  private Distribution prior;
  private Likelihood likelihood;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(17);
    x = manager.create(new float[] {0.5f, -1f, 2f, 0f, 0.3f, 1.2f}, new Shape(2, D));
    prior = Independent.of(Normal.standard(manager, new Shape(D)), 1);
    likelihood = z -> Normal.diagonal(z, z.onesLike().mul(SIGMA_X));
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  /** A deliberately imperfect posterior: mean shrunk too little, too wide. */
  private Distribution posterior() {
    return Normal.diagonal(x.mul(0.9f), x.onesLike().mul(0.8f));
  }

  private float[] trueLogMarginal() {
    float variance = 1 + SIGMA_X * SIGMA_X;
    return Normal.diagonal(x.zerosLike(), x.onesLike().mul((float) Math.sqrt(variance))).logProb(x).toFloatArray();
  }

  @Test
  void iwaeWithOneSampleEqualsTheMonteCarloElbo() {
    Engine.getInstance().setRandomSeed(99);
    float[] elbo = Elbo.estimate(x, posterior(), prior, likelihood, 1, KlTerm.MONTE_CARLO).elbo().toFloatArray();
    Engine.getInstance().setRandomSeed(99);
    float[] iwae = Iwae.bound(x, posterior(), prior, likelihood, 1).toFloatArray();
    assertThat(iwae).containsExactly(elbo, within(1e-5f));
  }

  @Test
  void analyticAndMonteCarloElboAgreeAndBoundLogMarginal() {
    float[] analytic = Elbo.estimate(x, posterior(), prior, likelihood, 50_000, KlTerm.ANALYTIC).elbo().toFloatArray();
    float[] mc = Elbo.estimate(x, posterior(), prior, likelihood, 50_000, KlTerm.MONTE_CARLO).elbo().toFloatArray();
    float[] logPx = trueLogMarginal();
    assertThat(mc).containsExactly(analytic, within(0.05f));
    for (int b = 0; b < 2; b++) {
      assertThat(analytic[b]).isLessThan(logPx[b]);
    }
  }

  @Test
  void iwaeIncreasesWithKOnAverageAndApproachesLogMarginal() {
    int[] ks = {1, 5, 50, 500};
    float[] logPx = trueLogMarginal();
    double previous = Double.NEGATIVE_INFINITY;
    for (int k : ks) {
      // Average of 200 independent evaluations of L_K (batched as 200 copies of the data).
      NDArray xs = x.expandDims(0).broadcast(new Shape(200, 2, D)).reshape(400, D);
      Distribution q = Normal.diagonal(xs.mul(0.9f), xs.onesLike().mul(0.8f));
      double mean = Iwae.bound(xs, q, prior, likelihood, k).mean().getFloat();
      assertThat(mean).as("K=" + k).isGreaterThan(previous);
      previous = mean;
    }
    double meanLogPx = (logPx[0] + logPx[1]) / 2;
    assertThat(previous).isLessThan(meanLogPx + 0.01).isGreaterThan(meanLogPx - 0.05);
  }

  @Test
  void logMarginalIsStableForK5000AndChunkingRecoversLogMarginal() {
    // A poor proposal makes log w ≈ −1e3…: the naive mean of exp(log w) would underflow to log 0 = −inf.
    NDArray far = x.mul(30f);
    Distribution q = Normal.diagonal(far.mul(0.5f), far.onesLike().mul(0.3f));
    float[] estimate = LogMarginal.estimate(far, q, prior, likelihood, 5000, 700).toFloatArray();
    for (float v : estimate) {
      assertThat(v).isFinite().isLessThan(-100f);
    }
    // Chunked (10 × 100) and whole (1 × 1000) estimates both recover log p(x): combining chunks loses nothing.
    Engine.getInstance().setRandomSeed(1234);
    float[] chunked = LogMarginal.estimate(x, posterior(), prior, likelihood, 1000, 100).toFloatArray();
    Engine.getInstance().setRandomSeed(1234);
    float[] whole = LogMarginal.estimate(x, posterior(), prior, likelihood, 1000, 1000).toFloatArray();
    float[] logPx = trueLogMarginal();
    for (int b = 0; b < 2; b++) {
      assertThat(chunked[b]).isCloseTo(logPx[b], within(0.05f));
      assertThat(whole[b]).isCloseTo(logPx[b], within(0.05f));
    }
  }

  /**
   * A posterior without rsample would give plain draws, and the IWAE bound's gradient would then silently miss the
   * posterior's score term; it is refused instead, naming the distribution and pointing at the score-function
   * estimator. The gradient-free {@link LogMarginal} still accepts such a proposal.
   */
  @Test
  void importanceWeightsRefuseAPosteriorWithoutRsample() {
    Distribution discrete = Independent.of(Bernoulli.ofLogits(x.zerosLike()), 1);
    assertThatThrownBy(() -> Iwae.bound(x, discrete, discretePrior(), likelihood, 5))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("Independent(Bernoulli(batchShape=(2, 3)), 1)")
        .hasMessageContaining("has no reparameterized sampler")
        .hasMessageContaining("org.varl.core.estimators.ScoreFunctionEstimator");
    assertThatThrownBy(() -> ImportanceWeights.logWeights(x, discrete, discretePrior(), likelihood, 5))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("score-function estimator");
    // log p(x) of a binary latent by enumeration: Σ_{z ∈ {0,1}^3} 2^-3 N(x; z, σ_x² I) = Π_i ½ (N(x_i; 0) + N(x_i; 1)).
    // With q = p(z) the weight w = p(x|z) has E_q[(w/p(x))²] = Π_i 2 (a_i² + b_i²) / (a_i + b_i)², a_i and b_i the
    // two likelihoods of coordinate i, so the estimate's standard error is √((that − 1)/K) (delta method).
    int k = 5000;
    float[] estimate = LogMarginal.estimate(x, discrete, discretePrior(), likelihood, k).toFloatArray();
    for (int b = 0; b < 2; b++) {
      double exact = 0;
      double secondMoment = 1;
      for (int i = 0; i < D; i++) {
        double xi = x.getFloat(b, i);
        double a0 = Math.exp(-xi * xi / (2 * SIGMA_X * SIGMA_X));
        double a1 = Math.exp(-(xi - 1) * (xi - 1) / (2 * SIGMA_X * SIGMA_X));
        exact += Math.log(0.5 * (a0 + a1)) - Math.log(SIGMA_X) - 0.5 * Math.log(2 * Math.PI);
        secondMoment *= 2 * (a0 * a0 + a1 * a1) / ((a0 + a1) * (a0 + a1));
      }
      double standardError = Math.sqrt((secondMoment - 1) / k);
      assertThat((double) estimate[b]).as("row %d (se %.4f)", b, standardError)
          .isCloseTo(exact, within(4 * standardError + 1e-4));
    }
  }

  private Distribution discretePrior() {
    return Independent.of(Bernoulli.ofLogits(manager.zeros(new Shape(D))), 1);
  }

  @Test
  void elboTermsHavePerExampleShape() {
    ElboTerms terms = Elbo.estimate(x, posterior(), prior, likelihood, 4, KlTerm.ANALYTIC);
    assertThat(terms.elbo().getShape()).isEqualTo(new Shape(2));
    assertThat(terms.kl().getShape()).isEqualTo(new Shape(2));
    assertThat(terms.reconstruction().getShape()).isEqualTo(new Shape(2));
  }
}
