package org.varl.experiments.vi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.varl.core.engine.EngineSetup;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.LearnedBaseline;
import org.varl.core.estimators.ScoreFunctionEstimator;
import org.varl.core.estimators.Surrogate;
import org.varl.core.optim.Adam;
import org.varl.experiments.Listener;

/**
 * The lecture's claim that the score-function gradient has high variance and the reparameterized
 * one low, measured. On four problems ({@link GaussianProblem}: closed-form gradient; {@link
 * EncoderProblem}: an amortized encoder on data from a known decoder, Gauss–Hermite quadrature
 * reference; {@link ImageProblem}: the encoder of a small VAE trained on real images, Fashion-MNIST
 * by default ({@link EstimatorsConfig#imageData()}), Gauss–Hermite quadrature reference, named
 * after its data; {@link DiscreteProblem}: a categorical latent, closed form) every estimator
 * produces R single-draw gradient estimates, each its own backward pass, and {@link EstimatorStats}
 * summarizes them. No reference is an average of the estimators compared (a pathwise average would
 * hide the pathwise estimator's own bias); each comes with its uncertainty ({@link
 * EstimatorsResult#trueGradientError()}), which {@link
 * EstimatorsResult#errorInStandardErrors(EstimatorStats)} counts.
 *
 * <p>Adaptive baselines get {@code warmup} unrecorded estimates first; the learned baseline is a
 * linear function of the context (x for the encoder), trained by Adam (step 0.05) on its squared
 * error after every estimate, its bias starting at the constant baseline's value. Wall time per
 * estimate covers the draw, the backward pass and reading the gradient back; warm-up is not timed.
 *
 * <p>Deterministic: the same config (seed included), device and PyTorch thread count give
 * bit-identical statistics; only {@code secondsPerEstimate} and {@code seconds} vary (a test runs
 * it twice, the second time with garbage collections forced throughout, see {@link
 * org.varl.core.engine.Scalars}).
 */
public final class EstimatorsExperiment {

  private static final double BASELINE_LEARNING_RATE = 0.05;

  private EstimatorsExperiment() {}

  public static EstimatorsResult run(EstimatorsConfig config) {
    return run(config, Listener.NONE);
  }

  /**
   * The number of (problem, estimator) pairs: 5 on each continuous problem, 6 on the discrete one.
   */
  public static final int PAIRS = 21;

  /**
   * Progress units: one per gradient estimate (warm-up included) over the {@value #PAIRS} pairs.
   */
  public static long totalWork(EstimatorsConfig config) {
    return (long) PAIRS * (config.samples() + config.warmup());
  }

  /**
   * @throws IllegalArgumentException when the image data cannot be loaded (one line, from {@link
   *     org.varl.core.data.DataSources})
   */
  public static EstimatorsResult run(EstimatorsConfig config, Listener listener) {
    listener.stage("estimators: gradient moments", totalWork(config));
    long start = System.nanoTime();
    ImageData images = ImageData.load(config);
    EngineSetup.seed(config.seed());
    List<EstimatorStats> stats = new ArrayList<>();
    Map<String, String> truthSources = new LinkedHashMap<>();
    Map<String, Double> truthErrors = new LinkedHashMap<>();
    List<Integer> sampleCounts = sampleCounts(config.samples());
    try (NDManager root = NDManager.newBaseManager(EngineSetup.device(config.device()))) {
      List<GradientProblem> problems =
          List.of(
              new GaussianProblem(root),
              new EncoderProblem(root, config.encoderBatch(), config.seed()),
              new ImageProblem(
                  root,
                  images.problem(),
                  images.images(),
                  config.encoderBatch(),
                  ImageProblem.QUADRATURE_NODES,
                  ImageProblem.CHECK_NODES,
                  config.seed()),
              new DiscreteProblem(root));
      for (GradientProblem problem : problems) {
        truthSources.put(problem.name(), problem.trueGradientSource());
        truthErrors.put(problem.name(), problem.trueGradientError());
        LearnedBaseline learned =
            LearnedBaseline.linear(root, problem.contextDim(), problem.constantBaseline());
        for (GradientEstimator estimator : problem.estimators(learned)) {
          boolean usesLearned =
              estimator instanceof ScoreFunctionEstimator s && s.baseline() == learned;
          stats.add(
              measure(
                  root,
                  problem,
                  estimator,
                  usesLearned ? learned : null,
                  config,
                  sampleCounts,
                  listener));
        }
      }
    }
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (String problem : List.of("gaussian", "encoder", images.problem())) {
      double pathwise = find(stats, problem, "pathwise").variance();
      double score = find(stats, problem, "score").variance();
      ratios.put(problem, pathwise / score);
    }
    return new EstimatorsResult(
        stats,
        sampleCounts,
        ratios,
        truthSources,
        truthErrors,
        images.spec(),
        images.problem(),
        images.note(),
        (System.nanoTime() - start) / 1e9);
  }

  /** 1, 2, 4, … up to R/8, so the largest block size still gives 8 blocks. */
  static List<Integer> sampleCounts(int estimates) {
    List<Integer> counts = new ArrayList<>();
    for (int s = 1; s <= estimates / 8; s *= 2) {
      counts.add(s);
    }
    return counts;
  }

  private static EstimatorStats find(List<EstimatorStats> stats, String problem, String name) {
    return stats.stream()
        .filter(e -> e.problem().equals(problem) && e.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static EstimatorStats measure(
      NDManager root,
      GradientProblem problem,
      GradientEstimator estimator,
      LearnedBaseline learned,
      EstimatorsConfig config,
      List<Integer> sampleCounts,
      Listener listener) {
    List<NDArray> longLived = new ArrayList<>(problem.longLived());
    longLived.addAll(problem.parameters());
    if (learned != null) {
      longLived.addAll(learned.parameters());
    }
    NDArray[] attach = longLived.toArray(new NDArray[0]);
    Adam baselineAdam =
        learned == null ? null : Adam.of(learned.parameters(), BASELINE_LEARNING_RATE);
    int r = config.samples();
    double[] truth = problem.trueGradient();
    GradientMoments moments = new GradientMoments(truth.length, sampleCounts);
    long timed = 0;
    for (int i = -config.warmup(); i < r; i++) {
      long t0 = System.nanoTime();
      double[] gradient;
      try (NDManager scope = root.newSubManager()) {
        scope.tempAttachAll(attach);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Surrogate s =
              estimator.surrogate(problem.q(scope), problem.f(scope), 1, problem.context(scope));
          // Back-propagate the loss (−objective), as an optimizer would: the learned baseline's
          // Adam then descends
          // its squared error. The estimate of ∇E[f] is minus the loss gradient.
          gc.backward(s.loss());
        }
        gradient = readAndZero(problem.parameters());
        for (int j = 0; j < gradient.length; j++) {
          gradient[j] = -gradient[j];
        }
        if (baselineAdam != null) {
          baselineAdam.stepFromParameters();
        }
      }
      if (i >= 0) {
        timed += System.nanoTime() - t0;
        moments.add(gradient);
      }
      listener.advance(1);
    }
    return moments.summarize(
        problem.name(), estimator.name(), estimator.unbiased(), truth, timed / 1e9 / r);
  }

  private static double[] readAndZero(List<NDArray> parameters) {
    int total = 0;
    for (NDArray p : parameters) {
      total += (int) p.size();
    }
    double[] out = new double[total];
    int offset = 0;
    for (NDArray p : parameters) {
      NDArray g = p.getGradient();
      for (float v : g.toFloatArray()) {
        out[offset++] = v;
      }
      g.subi(g);
    }
    return out;
  }
}
