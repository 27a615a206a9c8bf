package org.varl.experiments.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.experiments.Listener;
import org.varl.models.diffusion.TimeConditionedMlp;
import org.varl.models.flow.Coupling;
import org.varl.models.flow.FlowCheckpoint;
import org.varl.models.flow.FlowConfig;
import org.varl.models.flow.FlowEvaluation;
import org.varl.models.flow.FlowTrainer;
import org.varl.models.flow.NetworkVelocity;
import org.varl.models.flow.OdeSolver;

/**
 * I-CFM against OT-CFM (Tong et al., TMLR 2024): the same data, network, optimizer, seed and step
 * budget, differing only in how each batch pairs noise with data. The claim to check: the OT
 * coupling learns a straighter flow (smaller Liu et al. straightness), so that a few Euler steps
 * already give good samples (smaller energy distance at small NFE).
 */
public final class CouplingExperiment {

  private CouplingExperiment() {}

  /** Trains both runs into {@code workDir/independent} and {@code workDir/ot} and judges them. */
  public static CouplingResult run(CouplingConfig config, Path workDir, Listener listener) {
    List<CouplingResult.Run> runs = new ArrayList<>();
    for (Coupling coupling : Coupling.values()) {
      FlowConfig fc =
          FlowConfig.defaults()
              .withData(config.data())
              .withCoupling(coupling)
              .withSteps(config.steps())
              .withBatchSize(config.batchSize())
              .withSeed(config.seed())
              .withLogging(config.steps(), config.steps());
      listener.stage("train " + coupling.id(), config.steps());
      Path dir = workDir.resolve(coupling.id());
      long[] shown = {0};
      FlowTrainer.Result trained =
          FlowTrainer.run(
              fc,
              dir,
              null,
              (row, total, arrays) -> {
                listener.advance(row.step() - shown[0]);
                shown[0] = row.step();
              });
      FlowCheckpoint ck = FlowCheckpoint.read(dir);
      try (NDManager m = NDManager.newBaseManager();
          TimeConditionedMlp net = ck.network(m, ck.dimension())) {
        NetworkVelocity v = new NetworkVelocity(net);
        List<FlowEvaluation.QualityRow> quality =
            FlowEvaluation.quality(
                v,
                m,
                ck.data(),
                config.count(),
                List.of(OdeSolver.EULER),
                config.nfes(),
                config.seed());
        FlowEvaluation.QualityRow finest = quality.get(quality.size() - 1);
        runs.add(
            new CouplingResult.Run(
                coupling,
                trained.last().loss(),
                trained.last().stepsPerSecond(),
                quality,
                finest.straightness(),
                paths(v, m, config, finest.nfe())));
      }
    }
    return new CouplingResult(runs);
  }

  /** The Euler paths of the first {@code paths} noise points (the same z as the quality rows). */
  private static float[][][] paths(NetworkVelocity v, NDManager m, CouplingConfig config, int nfe) {
    int n = Math.min(config.paths(), config.count());
    int d = v.dimension();
    float[][][] out = new float[n][nfe + 1][];
    if (n == 0) {
      return out;
    }
    try (NDManager s = m.newSubManager()) {
      NDArray z =
          NoiseStream.normal(s, new Shape(config.count(), d), config.seed(), Streams.SAMPLES)
              .get("0:" + n);
      NDArray end =
          OdeSolver.EULER.integrate(
              v::velocity,
              z,
              0,
              1,
              nfe,
              (k, t, x, k1) -> {
                float[] xs = x.toFloatArray();
                for (int i = 0; i < n; i++) {
                  out[i][k] = java.util.Arrays.copyOfRange(xs, i * d, i * d + d);
                }
              });
      float[] xs = end.toFloatArray();
      for (int i = 0; i < n; i++) {
        out[i][nfe] = java.util.Arrays.copyOfRange(xs, i * d, i * d + d);
      }
    }
    return out;
  }
}
