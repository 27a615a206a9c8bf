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
import org.varl.core.engine.Scalars;
import org.varl.core.estimators.ConstantBaseline;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.LearnedBaseline;
import org.varl.core.estimators.MovingAverageBaseline;
import org.varl.core.estimators.PathwiseEstimator;
import org.varl.core.estimators.ScoreFunctionEstimator;
import org.varl.core.estimators.Surrogate;
import org.varl.core.optim.Adam;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.Vae;
import org.varl.models.vae.VaeConfig;

/**
 * The amortized encoder on a real data set ({@link ImageData}: Fashion-MNIST by default): the VAE of
 * {@code varl-models} ({@link Vae}, MLP variant: encoder D-64-2·4, decoder 4-64-D, ReLU, Bernoulli; D = 784 for
 * 28×28 images, 50,760 encoder parameters) trained for
 * {@value #PRETRAIN_STEPS} Adam steps on up to {@value ImageData#IMAGES} training images, then the decoder is frozen
 * and the estimators compete on the encoder's gradient for a fixed minibatch of the first B images,
 * {@code f(z) = log p(x | z) + log p(z)}. Grey levels in [0, 1] enter the Bernoulli log-likelihood as they are
 * ({@code x·l − softplus(l)}, the cross-entropy of PyTorch's VAE example). Reference: the pathwise gradient averaged
 * over many draws per image, accumulated over chunks of {@value #REFERENCE_CHUNK} draws.
 */
final class ImageProblem implements GradientProblem {

  static final int LATENT = 4;
  static final int HIDDEN = 64;
  static final int PRETRAIN_STEPS = 400;
  static final int PRETRAIN_BATCH = 64;
  static final int REFERENCE_CHUNK = 256;

  private final String name;
  private final NDArray x;
  private final Vae vae;
  private final List<NDArray> encoderParameters = new ArrayList<>();
  private final List<NDArray> decoderParameters = new ArrayList<>();
  private final double[] truth;
  private final double constant;
  private final int referenceSamples;

  /**
   * @param name the problem's name in the results (the data set's)
   * @param images the pre-training rows, values in [0, 1]; the minibatch is their first {@code batch}
   */
  ImageProblem(NDManager root, String name, ArrayDataset images, int batch, int referenceSamples, long seed) {
    this.name = name;
    this.referenceSamples = referenceSamples;
    int n = images.size();
    int dim = images.dimension();
    NDArray all = root.create(images.features(), new Shape(n, dim));
    int pretrainBatch = Math.min(PRETRAIN_BATCH, n);
    vae = Vae.create(new VaeConfig(Architecture.MLP, org.varl.models.vae.Likelihood.BERNOULLI, HIDDEN, LATENT, 1, 1, 1, dim), seed,
        root);
    for (int i = 0; i < vae.parameterNames().size(); i++) {
      NDArray p = vae.parameterArrays().get(i);
      p.setRequiresGradient(true);
      (vae.parameterNames().get(i).startsWith("encoder/") ? encoderParameters : decoderParameters).add(p);
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
          gc.backward(Elbo.estimate(xb, posterior(xb), prior(scope), likelihood(), 1, KlTerm.ANALYTIC).elbo()
              .mean().neg());
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
    try (NDManager scope = root.newSubManager()) {
      attach(scope);
      int chunks = Math.max(1, referenceSamples / REFERENCE_CHUNK);
      for (int c = 0; c < chunks; c++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Surrogate s = new PathwiseEstimator().surrogate(q(scope), f(scope), Math.min(referenceSamples,
              REFERENCE_CHUNK));
          gc.backward(Scalars.div(s.objective(), chunks)); // gradients accumulate: their mean over the chunks
        }
      }
      List<Double> g = new ArrayList<>();
      for (NDArray p : encoderParameters) {
        NDArray grad = p.getGradient();
        for (float v : grad.toFloatArray()) {
          g.add((double) v);
        }
        grad.subi(grad);
      }
      truth = g.stream().mapToDouble(Double::doubleValue).toArray();
      NDArray mean = vae.encode(x, false).get(0);
      constant = f(scope).at(mean.expandDims(0)).mean().getFloat();
    }
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
    return truth.clone();
  }

  @Override
  public String trueGradientSource() {
    int chunks = Math.max(1, referenceSamples / REFERENCE_CHUNK);
    return "pathwise reference, " + chunks * Math.min(referenceSamples, REFERENCE_CHUNK) + " draws per image";
  }

  @Override
  public List<GradientEstimator> estimators(LearnedBaseline learned) {
    return List.of(new PathwiseEstimator(), new ScoreFunctionEstimator(),
        new ScoreFunctionEstimator(new ConstantBaseline(constant)),
        new ScoreFunctionEstimator(new MovingAverageBaseline(0.9)), new ScoreFunctionEstimator(learned));
  }
}
