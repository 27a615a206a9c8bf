package org.varl.core.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;

/**
 * The bounds on linear-Gaussian models where {@code log p(x)} is known: first {@code z ~ N(0,
 * I_d)}, {@code x | z ~ N(z, σ_x² I_d)}, so {@code x ~ N(0, (1 + σ_x²) I_d)}; then a general {@code
 * x | z ~ N(W z + b, σ² I)} with {@code D ≠ d}, whose {@code log p(x)}, exact posterior and ELBO
 * for any diagonal Gaussian q are computed in double precision by {@link LinearGaussian}.
 * Tolerances are stated per test, in Monte Carlo standard errors from closed-form variances; seeds
 * are fixed.
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
    return Normal.diagonal(x.zerosLike(), x.onesLike().mul((float) Math.sqrt(variance)))
        .logProb(x)
        .toFloatArray();
  }

  @Test
  void iwaeWithOneSampleEqualsTheMonteCarloElbo() {
    Engine.getInstance().setRandomSeed(99);
    float[] elbo =
        Elbo.estimate(x, posterior(), prior, likelihood, 1, KlTerm.MONTE_CARLO)
            .elbo()
            .toFloatArray();
    Engine.getInstance().setRandomSeed(99);
    float[] iwae = Iwae.bound(x, posterior(), prior, likelihood, 1).toFloatArray();
    assertThat(iwae).containsExactly(elbo, within(1e-5f));
  }

  @Test
  void analyticAndMonteCarloElboAgreeAndBoundLogMarginal() {
    float[] analytic =
        Elbo.estimate(x, posterior(), prior, likelihood, 50_000, KlTerm.ANALYTIC)
            .elbo()
            .toFloatArray();
    float[] mc =
        Elbo.estimate(x, posterior(), prior, likelihood, 50_000, KlTerm.MONTE_CARLO)
            .elbo()
            .toFloatArray();
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
  void logMarginalFoldsItsPartialSumsForLargeK() {
    // 3000 chunks of one draw pass MAX_PARTIALS (1024) twice: the partial sums are folded, the
    // estimate is the same as with one chunk of all draws (same seed, same draws, float rounding).
    int k = 3000;
    assertThat(k).isGreaterThan(2 * LogMarginal.MAX_PARTIALS);
    Engine.getInstance().setRandomSeed(77);
    float[] folded = LogMarginal.estimate(x, posterior(), prior, likelihood, k, 1).toFloatArray();
    Engine.getInstance().setRandomSeed(77);
    float[] whole = LogMarginal.estimate(x, posterior(), prior, likelihood, k, k).toFloatArray();
    float[] logPx = trueLogMarginal();
    for (int b = 0; b < 2; b++) {
      assertThat(folded[b]).isFinite().isCloseTo(logPx[b], within(0.05f));
      assertThat(whole[b]).isCloseTo(logPx[b], within(0.05f));
    }
  }

  @Test
  void logMarginalIsStableForK5000AndChunkingRecoversLogMarginal() {
    // A poor proposal makes log w ≈ −1e3…: the naive mean of exp(log w) would underflow to log 0 =
    // −inf.
    NDArray far = x.mul(30f);
    Distribution q = Normal.diagonal(far.mul(0.5f), far.onesLike().mul(0.3f));
    float[] estimate = LogMarginal.estimate(far, q, prior, likelihood, 5000, 700).toFloatArray();
    for (float v : estimate) {
      assertThat(v).isFinite().isLessThan(-100f);
    }
    // Chunked (10 × 100) and whole (1 × 1000) estimates both recover log p(x): combining chunks
    // loses nothing.
    Engine.getInstance().setRandomSeed(1234);
    float[] chunked =
        LogMarginal.estimate(x, posterior(), prior, likelihood, 1000, 100).toFloatArray();
    Engine.getInstance().setRandomSeed(1234);
    float[] whole =
        LogMarginal.estimate(x, posterior(), prior, likelihood, 1000, 1000).toFloatArray();
    float[] logPx = trueLogMarginal();
    for (int b = 0; b < 2; b++) {
      assertThat(chunked[b]).isCloseTo(logPx[b], within(0.05f));
      assertThat(whole[b]).isCloseTo(logPx[b], within(0.05f));
    }
  }

  // ---- A general linear-Gaussian model: z ~ N(0, I_3), x | z ~ N(W z + b, σ² I_5), closed forms
  // in LinearGaussian.

  /**
   * W's columns are orthogonal (not orthonormal) so that the exact posterior covariance {@code (I +
   * WᵀW/σ²)⁻¹} is diagonal and {@code Normal.diagonal} can represent it; the closed forms
   * themselves do not assume it.
   */
  private static final LinearGaussian MODEL =
      new LinearGaussian(
          new double[][] {
            {0.9, 0.6, 0.0}, {0.9, -0.6, 0.0}, {0.0, 0.6, 1.3}, {0.9, 0.0, 0.0}, {0.0, 0.6, -1.3}
          },
          new double[] {0.5, -0.2, 0.1, 0.0, 0.3},
          0.7);

  /**
   * Three data points drawn from the model (seeded), rounded to float so that both sides see the
   * same data.
   */
  private static double[][] modelData() {
    SplittableRandom random = new SplittableRandom(2024);
    double[][] data = new double[3][];
    for (int n = 0; n < data.length; n++) {
      double[] z = new double[MODEL.latentDim()];
      for (int j = 0; j < z.length; j++) {
        z[j] = gaussian(random);
      }
      data[n] = MODEL.mean(z);
      for (int i = 0; i < data[n].length; i++) {
        data[n][i] = (float) (data[n][i] + MODEL.sigma * gaussian(random));
      }
    }
    return data;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private NDArray toArray(double[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int n = 0; n < rows.length; n++) {
      for (int i = 0; i < rows[n].length; i++) {
        flat[n * rows[n].length + i] = (float) rows[n][i];
      }
    }
    return manager.create(flat, new Shape(rows.length, rows[0].length));
  }

  /** {@code z [S, B, d] ↦ N(z Wᵀ + b, σ² I)} with batch shape {@code [S, B]}. */
  private Likelihood modelLikelihood() {
    double[][] wt = new double[MODEL.latentDim()][];
    for (int j = 0; j < wt.length; j++) {
      wt[j] = new double[MODEL.dataDim()];
      for (int i = 0; i < MODEL.dataDim(); i++) {
        wt[j][i] = MODEL.w[i][j];
      }
    }
    NDArray weightT = toArray(wt);
    NDArray bias = toArray(new double[][] {MODEL.b}).squeeze(0);
    float sigma = (float) MODEL.sigma;
    return z -> {
      NDArray mean = z.matMul(weightT).add(bias);
      return Normal.diagonal(mean, mean.onesLike().mul(sigma));
    };
  }

  private Distribution modelPrior() {
    return Independent.of(Normal.standard(manager, new Shape(MODEL.latentDim())), 1);
  }

  /**
   * Diagonal Gaussian q; the returned m and s are the float-rounded values the NDArray q actually
   * holds.
   */
  private record DiagonalQ(Distribution q, double[][] m, double[][] s) {}

  /**
   * {@code q = N(μ + shift·σ_post, (scale·σ_post)²)} per data point, around the exact posterior.
   */
  private DiagonalQ aroundPosterior(double[][] data, double shift, double scale) {
    double[][] cov = MODEL.posteriorCovariance();
    double[][] m = new double[data.length][];
    double[][] s = new double[data.length][];
    for (int n = 0; n < data.length; n++) {
      double[] mu = MODEL.posteriorMean(data[n]);
      m[n] = new double[mu.length];
      s[n] = new double[mu.length];
      for (int j = 0; j < mu.length; j++) {
        double sd = Math.sqrt(cov[j][j]);
        m[n][j] = (float) (mu[j] + shift * sd);
        s[n][j] = (float) (scale * sd);
      }
    }
    return new DiagonalQ(Normal.diagonal(toArray(m), toArray(s)), m, s);
  }

  @Test
  void linearGaussianClosedFormsAreConsistent() {
    double[][] cov = MODEL.posteriorCovariance();
    for (int j = 0; j < cov.length; j++) {
      for (int k = 0; k < cov.length; k++) {
        if (j != k) {
          assertThat(cov[j][k])
              .as("posterior covariance [%d][%d]", j, k)
              .isCloseTo(0.0, within(1e-15));
        }
      }
    }
    // ELBO(exact posterior) = log p(x), computed by two independent routes (posterior moments vs.
    // Cholesky of C),
    // and the log weight has zero variance there.
    for (double[] xn : modelData()) {
      double[] mu = MODEL.posteriorMean(xn);
      double[] sd = new double[mu.length];
      for (int j = 0; j < mu.length; j++) {
        sd[j] = Math.sqrt(cov[j][j]);
      }
      assertThat(MODEL.elbo(xn, mu, sd)).isCloseTo(MODEL.logMarginal(xn), within(1e-10));
      assertThat(MODEL.logWeightVariance(xn, mu, sd)).isCloseTo(0.0, within(1e-10));
    }
    // With W = I, b = 0 the marginal is N(0, (1 + σ²) I), the model of the tests above.
    LinearGaussian identity =
        new LinearGaussian(
            new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3], SIGMA_X);
    float[] logPx = trueLogMarginal();
    for (int n = 0; n < 2; n++) {
      double[] xn = {x.getFloat(n, 0), x.getFloat(n, 1), x.getFloat(n, 2)};
      assertThat(identity.logMarginal(xn)).isCloseTo(logPx[n], within(1e-5));
    }
  }

  /**
   * With q the exact posterior, every log weight equals {@code log p(x)}: the Monte Carlo-KL ELBO
   * equals it to float rounding for any number of draws, and the analytic-KL ELBO (which averages
   * {@code log p(x|z)} alone) within 4 of its Monte Carlo standard errors {@code √(Var_q log p(x|z)
   * / S)}.
   */
  @Test
  void elboAtTheExactPosteriorEqualsTheLogMarginal() {
    double[][] data = modelData();
    NDArray xs = toArray(data);
    DiagonalQ exact = aroundPosterior(data, 0, 1);
    int draws = 20_000;
    Engine.getInstance().setRandomSeed(31);
    float[] monteCarlo =
        Elbo.estimate(xs, exact.q(), modelPrior(), modelLikelihood(), 16, KlTerm.MONTE_CARLO)
            .elbo()
            .toFloatArray();
    Engine.getInstance().setRandomSeed(32);
    float[] analytic =
        Elbo.estimate(xs, exact.q(), modelPrior(), modelLikelihood(), draws, KlTerm.ANALYTIC)
            .elbo()
            .toFloatArray();
    for (int n = 0; n < data.length; n++) {
      double logPx = MODEL.logMarginal(data[n]);
      double floatTolerance = 2e-5 * Math.abs(logPx) + 1e-4;
      assertThat((double) monteCarlo[n])
          .as("Monte Carlo KL, point %d", n)
          .isCloseTo(logPx, within(floatTolerance));
      double standardError =
          Math.sqrt(MODEL.logLikelihoodVariance(data[n], exact.m()[n], exact.s()[n]) / draws);
      assertThat((double) analytic[n])
          .as("analytic KL, point %d (se %.4f)", n, standardError)
          .isCloseTo(logPx, within(4 * standardError + floatTolerance));
    }
  }

  /**
   * For a q off the posterior (mean shifted by 0.8 posterior standard deviations, scale 0.6 of the
   * posterior's) both ELBO estimates agree with the closed form within 4 Monte Carlo standard
   * errors, and the closed form lies below {@code log p(x)}.
   */
  @Test
  void elboOfAnotherGaussianMatchesItsClosedForm() {
    double[][] data = modelData();
    NDArray xs = toArray(data);
    DiagonalQ q = aroundPosterior(data, 0.8, 0.6);
    int draws = 20_000;
    Engine.getInstance().setRandomSeed(41);
    float[] analytic =
        Elbo.estimate(xs, q.q(), modelPrior(), modelLikelihood(), draws, KlTerm.ANALYTIC)
            .elbo()
            .toFloatArray();
    Engine.getInstance().setRandomSeed(42);
    float[] monteCarlo =
        Elbo.estimate(xs, q.q(), modelPrior(), modelLikelihood(), draws, KlTerm.MONTE_CARLO)
            .elbo()
            .toFloatArray();
    for (int n = 0; n < data.length; n++) {
      double closedForm = MODEL.elbo(data[n], q.m()[n], q.s()[n]);
      assertThat(closedForm).isLessThan(MODEL.logMarginal(data[n]) - 0.1);
      double floatTolerance = 2e-5 * Math.abs(closedForm) + 1e-4;
      double seAnalytic =
          Math.sqrt(MODEL.logLikelihoodVariance(data[n], q.m()[n], q.s()[n]) / draws);
      double seMonteCarlo = Math.sqrt(MODEL.logWeightVariance(data[n], q.m()[n], q.s()[n]) / draws);
      assertThat((double) analytic[n])
          .as("analytic KL, point %d (se %.4f)", n, seAnalytic)
          .isCloseTo(closedForm, within(4 * seAnalytic + floatTolerance));
      assertThat((double) monteCarlo[n])
          .as("Monte Carlo KL, point %d (se %.4f)", n, seMonteCarlo)
          .isCloseTo(closedForm, within(4 * seMonteCarlo + floatTolerance));
    }
  }

  /**
   * {@code LogMarginal} with K = 5000 draws from a proposal broader than the posterior (scale 1.6,
   * mean shifted by 0.3 standard deviations) recovers {@code log p(x)}. Its standard error is
   * {@code √(χ²/K)} with {@code 1 + χ² = E_q[(p(z|x)/q(z))²] = Π_j ρ_j/√(2ρ_j − 1) · exp(δ_j²/(2t_j
   * − v_j))} for posterior variance v, proposal variance t = ρ v and mean offset δ (here ≈ 0.015
   * nats); the tolerance is 4 of them plus the bias {@code χ²/(2K)}. Whole and chunked (700 at a
   * time) evaluations both pass.
   */
  @Test
  void logMarginalWithK5000MatchesTheClosedForm() {
    double[][] data = modelData();
    NDArray xs = toArray(data);
    DiagonalQ q = aroundPosterior(data, 0.3, 1.6);
    double[][] cov = MODEL.posteriorCovariance();
    int k = 5000;
    Engine.getInstance().setRandomSeed(51);
    float[] whole =
        LogMarginal.estimate(xs, q.q(), modelPrior(), modelLikelihood(), k).toFloatArray();
    Engine.getInstance().setRandomSeed(52);
    float[] chunked =
        LogMarginal.estimate(xs, q.q(), modelPrior(), modelLikelihood(), k, 700).toFloatArray();
    for (int n = 0; n < data.length; n++) {
      double[] mu = MODEL.posteriorMean(data[n]);
      double secondMoment = 1;
      for (int j = 0; j < mu.length; j++) {
        double v = cov[j][j];
        double t = q.s()[n][j] * q.s()[n][j];
        double delta = q.m()[n][j] - mu[j];
        double rho = t / v;
        secondMoment *= rho / Math.sqrt(2 * rho - 1) * Math.exp(delta * delta / (2 * t - v));
      }
      double chiSquare = secondMoment - 1;
      double tolerance = 4 * Math.sqrt(chiSquare / k) + chiSquare / (2 * k) + 1e-4;
      double logPx = MODEL.logMarginal(data[n]);
      assertThat((double) whole[n])
          .as("point %d, tolerance %.4f", n, tolerance)
          .isCloseTo(logPx, within(tolerance));
      assertThat((double) chunked[n])
          .as("chunked, point %d", n)
          .isCloseTo(logPx, within(tolerance));
    }
  }

  /**
   * A posterior without rsample would give plain draws, and the IWAE bound's gradient would then
   * silently miss the posterior's score term; it is refused instead, naming the distribution and
   * pointing at the score-function estimator. The gradient-free {@link LogMarginal} still accepts
   * such a proposal.
   */
  @Test
  void importanceWeightsRefuseAPosteriorWithoutRsample() {
    Distribution discrete = Independent.of(Bernoulli.ofLogits(x.zerosLike()), 1);
    assertThatThrownBy(() -> Iwae.bound(x, discrete, discretePrior(), likelihood, 5))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("Independent(Bernoulli(batchShape=(2, 3)), 1)")
        .hasMessageContaining("has no reparameterized sampler")
        .hasMessageContaining("org.varl.core.estimators.ScoreFunctionEstimator");
    assertThatThrownBy(
            () -> ImportanceWeights.logWeights(x, discrete, discretePrior(), likelihood, 5))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("score-function estimator");
    // log p(x) of a binary latent by enumeration: Σ_{z ∈ {0,1}^3} 2^-3 N(x; z, σ_x² I) = Π_i ½
    // (N(x_i; 0) + N(x_i; 1)).
    // With q = p(z) the weight w = p(x|z) has E_q[(w/p(x))²] = Π_i 2 (a_i² + b_i²) / (a_i + b_i)²,
    // a_i and b_i the
    // two likelihoods of coordinate i, so the estimate's standard error is √((that − 1)/K) (delta
    // method).
    int k = 5000;
    float[] estimate =
        LogMarginal.estimate(x, discrete, discretePrior(), likelihood, k).toFloatArray();
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
      assertThat((double) estimate[b])
          .as("row %d (se %.4f)", b, standardError)
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
