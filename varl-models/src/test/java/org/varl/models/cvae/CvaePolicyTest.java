package org.varl.models.cvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Independent;
import org.varl.core.kl.Kl;

/** The CVAE loss against closed forms computed in Java from the networks' outputs. */
class CvaePolicyTest {

  private static final int B = 5;
  private static final int S = 3;
  private static final int A = 2;
  private static final int K = 2;

  private static float[] gaussian(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /**
   * −log N(a; μ, σ²) summed over dimensions and KL between diagonal Normals, in doubles: KL(N(μq,
   * σq²) ‖ N(μp, σp²)) = ½ Σ [log(σp²/σq²) + (σq² + (μq − μp)²)/σp² − 1].
   */
  private static void checkLoss(boolean learnedPrior, double beta) {
    CvaeConfig config =
        CvaeConfig.defaults()
            .withLatent(K)
            .withHidden(8)
            .withLearnedPrior(learnedPrior)
            .withSeed(7);
    SplittableRandom r = new SplittableRandom(11);
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy policy = CvaePolicy.create(m, config, S, A);
      NDArray s = m.create(gaussian(r, B * S), new Shape(B, S));
      NDArray a = m.create(gaussian(r, B * A), new Shape(B, A));
      float[] epsV = gaussian(r, B * K);
      NDArray eps = m.create(epsV, new Shape(B, K));
      CvaePolicy.Loss loss = policy.loss(s, a, eps, beta);

      Independent q = policy.encoder(s, a);
      float[] mq = q.mean().toFloatArray();
      float[] vq = q.variance().toFloatArray();
      float[] mp;
      float[] vp;
      if (learnedPrior) {
        Independent p = policy.prior(s);
        mp = p.mean().toFloatArray();
        vp = p.variance().toFloatArray();
      } else {
        mp = new float[B * K];
        vp = new float[B * K];
        java.util.Arrays.fill(vp, 1f);
      }
      float[] z = new float[B * K];
      for (int i = 0; i < z.length; i++) {
        z[i] = mq[i] + (float) Math.sqrt(vq[i]) * epsV[i];
      }
      Independent dec = policy.decoder(s, m.create(z, new Shape(B, K)));
      float[] md = dec.mean().toFloatArray();
      float[] vd = dec.variance().toFloatArray();
      float[] av = a.toFloatArray();
      float[] total = loss.total().toFloatArray();
      float[] recon = loss.reconstruction().toFloatArray();
      float[] kl = loss.kl().toFloatArray();
      for (int b = 0; b < B; b++) {
        double nll = 0;
        for (int j = 0; j < A; j++) {
          int i = b * A + j;
          double d = av[i] - md[i];
          nll += 0.5 * (Math.log(2 * Math.PI * vd[i]) + d * d / vd[i]);
        }
        double klRef = 0;
        for (int j = 0; j < K; j++) {
          int i = b * K + j;
          double d = mq[i] - mp[i];
          klRef += 0.5 * (Math.log(vp[i] / vq[i]) + (vq[i] + d * d) / vp[i] - 1);
        }
        assertThat((double) recon[b]).isCloseTo(nll, within(1e-4 * (1 + Math.abs(nll))));
        assertThat((double) kl[b]).isCloseTo(klRef, within(1e-5 * (1 + klRef)));
        assertThat((double) total[b])
            .isCloseTo(nll + beta * klRef, within(1e-4 * (1 + Math.abs(nll + beta * klRef))));
      }
      // The KL term is the registry's.
      float[] registry = Kl.divergence(q, policy.prior(s)).toFloatArray();
      for (int b = 0; b < B; b++) {
        assertThat(kl[b]).isEqualTo(registry[b]);
      }
      assertThat(klSum(kl)).isGreaterThan(0);
    }
  }

  private static double klSum(float[] kl) {
    double t = 0;
    for (float v : kl) {
      t += v;
    }
    return t;
  }

  @Test
  void lossIsGaussianNllPlusBetaKlToStandardPrior() {
    checkLoss(false, 0.7);
  }

  @Test
  void lossIsGaussianNllPlusBetaKlToLearnedPrior() {
    checkLoss(true, 2.5);
  }

  @Test
  void betaZeroIsTheReconstructionTerm() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy policy =
          CvaePolicy.create(m, CvaeConfig.defaults().withLatent(K).withHidden(8), S, A);
      SplittableRandom r = new SplittableRandom(3);
      NDArray s = m.create(gaussian(r, B * S), new Shape(B, S));
      NDArray a = m.create(gaussian(r, B * A), new Shape(B, A));
      NDArray eps = m.create(gaussian(r, B * K), new Shape(B, K));
      CvaePolicy.Loss loss = policy.loss(s, a, eps, 0.0);
      assertThat(loss.total().toFloatArray()).containsExactly(loss.reconstruction().toFloatArray());
      assertThat(klSum(loss.kl().toFloatArray())).isGreaterThan(0);
    }
  }

  @Test
  void gradientsReachEncoderDecoderAndPrior() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy policy =
          CvaePolicy.create(
              m, CvaeConfig.defaults().withLatent(K).withHidden(8).withLearnedPrior(true), S, A);
      SplittableRandom r = new SplittableRandom(5);
      NDArray s = m.create(gaussian(r, B * S), new Shape(B, S));
      NDArray a = m.create(gaussian(r, B * A), new Shape(B, A));
      NDArray eps = m.create(gaussian(r, B * K), new Shape(B, K));
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(policy.loss(s, a, eps, 1.0).total().sum());
      }
      List<NDArray> params = policy.parameters();
      List<String> names = policy.parameterNames();
      assertThat(names).anyMatch(n -> n.startsWith("encoder."));
      assertThat(names).anyMatch(n -> n.startsWith("decoder."));
      assertThat(names).anyMatch(n -> n.startsWith("prior."));
      for (int i = 0; i < params.size(); i++) {
        double norm = params.get(i).getGradient().abs().sum().getFloat();
        assertThat(norm).as(names.get(i)).isGreaterThan(0);
      }
    }
  }

  @Test
  void priorLatentWithZeroNoiseIsThePriorMean() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy policy =
          CvaePolicy.create(
              m, CvaeConfig.defaults().withLatent(K).withHidden(8).withLearnedPrior(true), S, A);
      NDArray s = m.create(gaussian(new SplittableRandom(1), B * S), new Shape(B, S));
      NDArray z = policy.priorLatent(s, m.zeros(new Shape(B, K)));
      assertThat(z.toFloatArray()).containsExactly(policy.prior(s).mean().toFloatArray());
      NDArray act = policy.act(s, z);
      assertThat(act.getShape()).isEqualTo(new Shape(B, A));
      NDArray noZero = policy.sampleAction(s, z, m.zeros(new Shape(B, A)));
      assertThat(noZero.toFloatArray()).containsExactly(act.toFloatArray());
    }
  }

  @Test
  void badShapesAndOptionsNameTheValue() {
    assertThatThrownBy(() -> CvaeConfig.defaults().withLatent(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latent must be >= 1, found 0");
    assertThatThrownBy(() -> CvaeConfig.defaults().withBeta(-0.5))
        .hasMessage("beta must be finite and >= 0, found -0.5");
    assertThatThrownBy(() -> CvaeConfig.defaults().withBatchSize(0))
        .hasMessage("batchSize must be >= 1, found 0");
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy policy = CvaePolicy.create(m, CvaeConfig.defaults(), S, A);
      assertThatThrownBy(() -> policy.encoder(m.zeros(new Shape(2, 4)), m.zeros(new Shape(2, A))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("s must have shape [B, 3], found (2, 4)");
    }
  }
}
