package org.varl.experiments.vi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.KlTerm;
import org.varl.core.bounds.LogMarginal;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.MemoryBudget;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.experiments.Listener;

/**
 * The lecture's opening: on one fixed decoder and data set ({@link ToyLatentModel}), fit three
 * variational families by maximizing the ELBO with the pathwise gradient (Adam, one draw per point,
 * full batch):
 *
 * <ol>
 *   <li>global: one {@code q(z) = N(m, diag s²)} shared by all points, {@code 2d} parameters;
 *   <li>per point: {@code q_i(z) = N(m_i, diag s_i²)}, {@code 2dN} parameters (classic,
 *       non-amortized VI);
 *   <li>amortized: {@code q_φ(z | x) = N(μ_φ(x), diag σ_φ²(x))} with a one-hidden-layer encoder.
 * </ol>
 *
 * The global q ignores x and is a much worse bound; per-point q is the best the Gaussian family can
 * do; the amortized q comes close with far fewer parameters (the difference is the amortization
 * gap, Cremer et al. 2018).
 */
public final class AmortizationExperiment {

  /**
   * Adam step sizes: large for the directly parameterized q's, smaller for the network (usual
   * ranges).
   */
  private static final double LR_DIRECT = 0.05;

  private static final double LR_ENCODER = 0.01;
  private static final int CURVE_EVERY = 10;

  private AmortizationExperiment() {}

  public static AmortizationResult run(AmortizationConfig config) {
    return run(config, Listener.NONE);
  }

  /**
   * Total progress units reported by {@link #run(AmortizationConfig, Listener)}: the steps of all
   * three fits.
   */
  public static long totalWork(AmortizationConfig config) {
    return 3L * config.steps();
  }

  /**
   * Refuses a size that cannot fit before anything is allocated (issue 9): per data point the data
   * (D floats), the per-point q's parameters with their gradients and Adam moments (4 x 2d floats),
   * one step's temporaries (about 6 (D + hidden + 2d) floats) and the final ELBO's evalSamples
   * draws of likelihood terms and latents (3 evalSamples (D + d) floats at once).
   */
  static void checkMemory(AmortizationConfig c) {
    double perPoint =
        c.dataDim()
            + 8.0 * c.latentDim()
            + 6.0 * (c.dataDim() + c.encoderHidden() + 2 * c.latentDim())
            + 3.0 * c.evalSamples() * (c.dataDim() + c.latentDim());
    MemoryBudget.check(
        "dataPoints",
        c.dataPoints(),
        MemoryBudget.floats(perPoint * c.dataPoints()),
        "the data, the per-point posteriors and the final ELBO's draws");
  }

  /** Runs the experiment, reporting each optimization step to {@code progress}. */
  public static AmortizationResult run(AmortizationConfig config, Listener listener) {
    checkMemory(config);
    listener.stage("amortization: global, per-point and amortized fits", totalWork(config));
    long start = System.nanoTime();
    EngineSetup.seed(config.seed());
    try (NDManager root = NDManager.newBaseManager(EngineSetup.device(config.device()))) {
      int d = config.latentDim();
      int n = config.dataPoints();
      ToyLatentModel model = new ToyLatentModel(root, d, 32, config.dataDim(), n);

      NDArray globalLoc = param(root.zeros(new Shape(1, d), DataType.FLOAT32));
      NDArray globalLogScale = param(root.zeros(new Shape(1, d), DataType.FLOAT32));
      NDArray pointLoc = param(root.zeros(new Shape(n, d), DataType.FLOAT32));
      NDArray pointLogScale = param(root.zeros(new Shape(n, d), DataType.FLOAT32));
      Mlp encoder =
          Mlp.create(
              root,
              Activation.TANH,
              Mlp.Init.GLOROT_UNIFORM,
              NoiseStream.generator(config.seed(), Streams.PARAMETERS),
              config.dataDim(),
              config.encoderHidden(),
              2 * d);

      List<Integer> curveSteps = new ArrayList<>();
      for (int t = 0; t < config.steps(); t += CURVE_EVERY) {
        curveSteps.add(t);
      }
      Family global =
          new Family(
              "global",
              List.of(globalLoc, globalLogScale),
              LR_DIRECT,
              x ->
                  Normal.diagonal(globalLoc.broadcast(n, d), globalLogScale.exp().broadcast(n, d)));
      Family perPoint =
          new Family(
              "perPoint",
              List.of(pointLoc, pointLogScale),
              LR_DIRECT,
              x -> Normal.diagonal(pointLoc, pointLogScale.exp()));
      Family amortized =
          new Family(
              "amortized",
              encoder.parameters(),
              LR_ENCODER,
              x -> {
                NDList parts = encoder.forward(x).split(2, 1);
                return Normal.diagonalFromLogVariance(parts.get(0), parts.get(1));
              });

      List<AmortizationResult.Fit> fits = new ArrayList<>();
      for (Family family : List.of(global, perPoint, amortized)) {
        fits.add(fit(root, model, family, config, listener));
      }
      double logMarginal = Double.NaN;
      if (config.logMarginalSamples() > 0) {
        try (NDManager scope = root.newSubManager()) {
          scope.tempAttachAll(model.arrays().toArray(new NDArray[0]));
          scope.tempAttachAll(pointLoc, pointLogScale);
          logMarginal =
              LogMarginal.estimate(
                      model.data,
                      perPoint.q.apply(model.data),
                      model.prior(scope),
                      model.likelihood(),
                      config.logMarginalSamples())
                  .mean()
                  .getFloat();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new AmortizationResult(
          fits.get(0),
          fits.get(1),
          fits.get(2),
          fits.get(1).elbo() - fits.get(2).elbo(),
          logMarginal,
          curveSteps,
          seconds);
    }
  }

  private static NDArray param(NDArray a) {
    a.setRequiresGradient(true);
    return a;
  }

  /**
   * A variational family: its parameters and how it maps the data {@code x: [N, D]} to q, batch
   * shape [N].
   */
  private record Family(
      String name,
      List<NDArray> parameters,
      double learningRate,
      Function<NDArray, Distribution> q) {}

  private static AmortizationResult.Fit fit(
      NDManager root,
      ToyLatentModel model,
      Family family,
      AmortizationConfig config,
      Listener listener) {
    // The step size decays linearly to a tenth over the run, so that the final iterates settle.
    Adam adam =
        Adam.builder(family.parameters())
            .setLearningRate(family.learningRate())
            .optLinearDecay(config.steps(), 0.1)
            .build();
    NDArray[] longLived = concat(model.arrays(), family.parameters());
    List<Double> curve = new ArrayList<>();
    for (int t = 0; t < config.steps(); t++) {
      try (NDManager scope = root.newSubManager()) {
        scope.tempAttachAll(longLived);
        NDArray elbo;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          elbo =
              Elbo.estimate(
                      model.data,
                      family.q().apply(model.data),
                      model.prior(scope),
                      model.likelihood(),
                      1,
                      KlTerm.ANALYTIC)
                  .elbo()
                  .mean();
          gc.backward(elbo.neg());
        }
        if (t % CURVE_EVERY == 0) {
          curve.add((double) elbo.getFloat());
        }
        adam.stepFromParameters();
      }
      listener.advance(1);
    }
    double finalElbo;
    try (NDManager scope = root.newSubManager()) {
      scope.tempAttachAll(longLived);
      finalElbo =
          Elbo.estimate(
                  model.data,
                  family.q().apply(model.data),
                  model.prior(scope),
                  model.likelihood(),
                  config.evalSamples(),
                  KlTerm.ANALYTIC)
              .elbo()
              .mean()
              .getFloat();
    }
    long count = 0;
    for (NDArray p : family.parameters()) {
      count += p.size();
    }
    return new AmortizationResult.Fit(family.name(), finalElbo, count, curve);
  }

  private static NDArray[] concat(List<NDArray> a, List<NDArray> b) {
    List<NDArray> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(new NDArray[0]);
  }
}
