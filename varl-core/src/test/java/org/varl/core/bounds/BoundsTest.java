package org.varl.core.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  @Test
  void elboTermsHavePerExampleShape() {
    ElboTerms terms = Elbo.estimate(x, posterior(), prior, likelihood, 4, KlTerm.ANALYTIC);
    assertThat(terms.elbo().getShape()).isEqualTo(new Shape(2));
    assertThat(terms.kl().getShape()).isEqualTo(new Shape(2));
    assertThat(terms.reconstruction().getShape()).isEqualTo(new Shape(2));
  }
}
