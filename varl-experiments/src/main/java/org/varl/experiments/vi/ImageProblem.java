package org.varl.experiments.vi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.KlTerm;
import org.varl.core.bounds.Likelihood;
import org.varl.core.data.ArrayDataset;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.LearnedBaseline;
import org.varl.core.estimators.PathwiseEstimator;
import org.varl.core.optim.Adam;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.Vae;
import org.varl.models.vae.VaeConfig;

/**
 * The amortized encoder on a real data set ({@link ImageData}: Fashion-MNIST by default): the VAE
 * of {@code varl-models} ({@link Vae}, MLP variant: encoder D-64-2·4, decoder 4-64-D, ReLU,
 * Bernoulli; D = 784 for 28×28 images, 50,760 encoder parameters) trained for {@value
 * #PRETRAIN_STEPS} Adam steps on up to {@value ImageData#IMAGES} training images, then the decoder
 * is frozen and the estimators compete on the encoder's gradient for a fixed minibatch of the first
 * B images, {@code f(z) = log p(x | z) + log p(z)}. Grey levels in [0, 1] enter the Bernoulli
 * log-likelihood as they are ({@code x·l − softplus(l)}, the cross-entropy of PyTorch's VAE
 * example).
 *
 * <p>Reference gradient: not a Monte Carlo average of any estimator compared, but {@link
 * QuadratureGradient}, Gauss–Hermite product quadrature of {@code E_q[f] ≈ Σ_k w_k f(μ + σ ⊙ u_k)}
 * per image with {@value #QUADRATURE_NODES}^4 = 10,000 nodes, differentiated through μ and σ, in
 * chunks of {@value #QUADRATURE_CHUNK} nodes. The decoder is a ReLU net, so f has kinks and the
 * smooth-integrand error bounds do not hold; the discretization error is measured as the distance
 * to the {@value #CHECK_NODES}^4-node rule. Measured with the shapes sprites, B = 32 (seeds 7 and
 * 42; gradient RMS 0.21 and 0.083): 10-vs-8 difference 3.2e-4 and 2.6e-4, distance of the 10-node
 * rule to a 12-node one 1.7e-4 and 1.4e-4 (so the estimate covers it), while one pathwise estimate
 * has a standard deviation of about 0.1 per parameter (a standard error of 3.6e-3 over the default
 * 1000). A tensor grid of n^4 points is the price of d = 4: 8^4 + 10^4 points cost about as much as
 * 14,000 pathwise draws per image (about 4 s on one core, 3.5 s more than the 4096-draw pathwise
 * average it replaces). The tests also check it against long pathwise and leave-one-out
 * score-function averages.
 */
final class ImageProblem implements GradientProblem {

  static final int LATENT = 4;
  static final int HIDDEN = 64;
  static final int PRETRAIN_STEPS = 400;
  static final int PRETRAIN_BATCH = 64;
  static final int QUADRATURE_NODES = 10;
  static final int CHECK_NODES = 8;
  static final int QUADRATURE_CHUNK = 256;

  private final String name;
  private final NDArray x;
  private final Vae vae;
  private final List<NDArray> encoderParameters = new ArrayList<>();
  private final List<NDArray> decoderParameters = new ArrayList<>();
  private final QuadratureGradient reference;
  private final double referenceSeconds;
  private final double constant;

  /**
   * @param name the problem's name in the results (the data set's)
   * @param images the pre-training rows, values in [0, 1]; the minibatch is their first {@code
   *     batch}
   * @param nodes Gauss–Hermite nodes per latent axis of the reference ({@link #QUADRATURE_NODES} in
   *     the experiment)
   * @param checkNodes the coarser rule its discretization error is measured against ({@link
   *     #CHECK_NODES})
   */
  ImageProblem(
      NDManager root,
      String name,
      ArrayDataset images,
      int batch,
      int nodes,
      int checkNodes,
      long seed) {
    this.name = name;
    int n = images.size();
    int dim = images.dimension();
    NDArray all = root.create(images.features(), new Shape(n, dim));
    int pretrainBatch = Math.min(PRETRAIN_BATCH, n);
    vae =
        Vae.create(
            new VaeConfig(
                Architecture.MLP,
                org.varl.models.vae.Likelihood.BERNOULLI,
                HIDDEN,
                LATENT,
                1,
                1,
                1,
                dim),
            seed,
            root);
    for (int i = 0; i < vae.parameterNames().size(); i++) {
      NDArray p = vae.parameterArrays().get(i);
      p.setRequiresGradient(true);
      (vae.parameterNames().get(i).startsWith("encoder/") ? encoderParameters : decoderParameters)
          .add(p);
    }
    List<NDArray> both = vae.parameterArrays();
    // Step size 3e-3: a few hundred steps give recognizable reconstructions of the images.
    Adam adam = Adam.of(both, 3e-3);
    for (int t = 0; t < PRETRAIN_STEPS; t++) {
      try (NDManager scope = root.newSubManager()) {
        scope.tempAttachAll(all);
        scope.tempAttachAll(both.toArray(new NDArray[0]));
        int from = (t * pretrainBatch) % n;
        NDArray xb = all.get(new NDIndex(from + ":" + Math.min(from + pretrainBatch, n)));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(
              Elbo.estimate(xb, posterior(xb), prior(scope), likelihood(), 1, KlTerm.ANALYTIC)
                  .elbo()
                  .mean()
                  .neg());
        }
        adam.stepFromParameters();
      }
    }
    // A fixed decoder: no gradient is recorded or accumulated for it from here on.
    for (NDArray p : decoderParameters) {
      p.setRequiresGradient(false);
    }
    try (NDManager scope = root.newSubManager()) {
      scope.tempAttachAll(all);
      NDArray first = all.get(new NDIndex("0:" + batch));
      first.attach(root);
      x = first;
    }
    List<NDArray> attach = new ArrayList<>(vae.parameterArrays());
    attach.add(x);
    long t0 = System.nanoTime();
    reference =
        QuadratureGradient.compute(
            root,
            nodes,
            checkNodes,
            scope -> normal(),
            this::f,
            encoderParameters,
            attach,
            QUADRATURE_CHUNK);
    referenceSeconds = (System.nanoTime() - t0) / 1e9;
    try (NDManager scope = root.newSubManager()) {
      attach(scope);
      NDArray mean = normal().loc();
      constant = f(scope).at(mean.expandDims(0)).mean().getFloat();
    }
  }

  /** {@code q_φ(z | x)} per coordinate, batch shape {@code [B, d]}. */
  Normal normal() {
    NDList parts = vae.encode(x, true);
    return Normal.fromLogVariance(parts.get(0), parts.get(1));
  }

  QuadratureGradient reference() {
    return reference;
  }

  double referenceSeconds() {
    return referenceSeconds;
  }

  private Distribution posterior(NDArray xb) {
    NDList parts = vae.encode(xb, true);
    return Normal.diagonalFromLogVariance(parts.get(0), parts.get(1));
  }

  private static Distribution prior(NDManager scope) {
    return Independent.of(Normal.standard(scope, new Shape(LATENT)), 1);
  }

  private Likelihood likelihood() {
    return z -> {
      // Vae.decode flattens and restores the leading (sample, batch) dimensions itself.
      return Independent.of(Bernoulli.ofLogits(vae.decode(z, true)), 1);
    };
  }

  private void attach(NDManager scope) {
    scope.tempAttachAll(x);
    scope.tempAttachAll(vae.parameterArrays().toArray(new NDArray[0]));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<NDArray> parameters() {
    return encoderParameters;
  }

  @Override
  public List<NDArray> longLived() {
    List<NDArray> all = new ArrayList<>(decoderParameters);
    all.add(x);
    return all;
  }

  @Override
  public Distribution q(NDManager scope) {
    return posterior(x);
  }

  @Override
  public Integrand f(NDManager scope) {
    return z -> likelihood().given(z).logProb(x).add(prior(scope).logProb(z));
  }

  @Override
  public NDArray context(NDManager scope) {
    return x;
  }

  @Override
  public int contextDim() {
    return (int) x.getShape().get(1);
  }

  @Override
  public double constantBaseline() {
    return constant;
  }

  @Override
  public double[] trueGradient() {
    return reference.gradient().clone();
  }

  @Override
  public double trueGradientError() {
    return reference.discretizationError();
  }

  @Override
  public String trueGradientSource() {
    return reference.describe("image");
  }

  @Override
  public List<GradientEstimator> estimators(LearnedBaseline learned) {
    List<GradientEstimator> all = new ArrayList<>(List.of(new PathwiseEstimator()));
    all.addAll(GradientProblem.scoreFunctionFamily(constant, learned));
    return all;
  }
}
