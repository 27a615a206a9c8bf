package org.varl.experiments.vi;

import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.KlTerm;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Normal;
import org.varl.core.estimators.ConstantBaseline;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.LearnedBaseline;
import org.varl.core.estimators.MovingAverageBaseline;
import org.varl.core.estimators.PathwiseEstimator;
import org.varl.core.estimators.ScoreFunctionEstimator;
import org.varl.core.estimators.Surrogate;

/**
 * An amortized encoder {@code q_φ(z | x)} (one hidden tanh layer, 24→32→2·2) on a fixed minibatch of B points from
 * {@link ToyLatentModel}, with {@code f(z) = log p(x, z)} under the model's fixed decoder. The encoder is first
 * trained for {@value #PRETRAIN_STEPS} Adam steps on the ELBO, so the gradients are those of a run in progress. No
 * closed form: the reference gradient is the pathwise estimate from many draws per point.
 */
final class EncoderProblem implements GradientProblem {

  static final int PRETRAIN_STEPS = 300;

  private final ToyLatentModel model;
  private final NDArray x;
  private final Mlp encoder;
  private final double[] truth;
  private final double constant;
  private final int referenceSamples;

  EncoderProblem(NDManager root, int batch, int referenceSamples, long seed) {
    this.referenceSamples = referenceSamples;
    model = new ToyLatentModel(root, 2, 32, 24, batch);
    x = model.data;
    encoder = Mlp.create(root, Activation.TANH, Mlp.Init.GLOROT_UNIFORM, NoiseStream.generator(seed, Streams.PARAMETERS, 1), 24, 32, 4);
    Adam adam = Adam.of(encoder.parameters(), 0.01);
    for (int t = 0; t < PRETRAIN_STEPS; t++) {
      try (NDManager scope = root.newSubManager()) {
        attach(scope);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(Elbo.estimate(x, q(scope), model.prior(scope), model.likelihood(), 1, KlTerm.ANALYTIC).elbo()
              .mean().neg());
        }
        adam.stepFromParameters();
      }
    }
    try (NDManager scope = root.newSubManager()) {
      attach(scope);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Surrogate s = new PathwiseEstimator().surrogate(q(scope), f(scope), referenceSamples);
        gc.backward(s.objective());
      }
      List<Double> g = new ArrayList<>();
      for (NDArray p : encoder.parameters()) {
        NDArray grad = p.getGradient();
        for (float v : grad.toFloatArray()) {
          g.add((double) v);
        }
        grad.subi(grad);
      }
      truth = g.stream().mapToDouble(Double::doubleValue).toArray();
      NDArray mean = encoder.forward(x).split(2, 1).get(0); // μ_φ(x), the first half of the output
      constant = model.logJoint(scope, x, mean.expandDims(0)).mean().getFloat();
    }
  }

  private void attach(NDManager scope) {
    scope.tempAttachAll(model.arrays().toArray(new NDArray[0]));
    scope.tempAttachAll(encoder.parameters().toArray(new NDArray[0]));
  }

  @Override
  public String name() {
    return "encoder";
  }

  @Override
  public List<NDArray> parameters() {
    return encoder.parameters();
  }

  @Override
  public List<NDArray> longLived() {
    return model.arrays();
  }

  @Override
  public Distribution q(NDManager scope) {
    NDList parts = encoder.forward(x).split(2, 1);
    return Normal.diagonalFromLogVariance(parts.get(0), parts.get(1));
  }

  @Override
  public Integrand f(NDManager scope) {
    return z -> model.logJoint(scope, x, z);
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
    return "pathwise reference, " + referenceSamples + " draws per data point";
  }

  @Override
  public List<GradientEstimator> estimators(LearnedBaseline learned) {
    return List.of(new PathwiseEstimator(), new ScoreFunctionEstimator(),
        new ScoreFunctionEstimator(new ConstantBaseline(constant)),
        new ScoreFunctionEstimator(new MovingAverageBaseline(0.9)), new ScoreFunctionEstimator(learned));
  }
}
