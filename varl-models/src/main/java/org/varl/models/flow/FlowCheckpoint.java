package org.varl.models.flow;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.io.Checkpoint;
import org.varl.core.optim.Adam;
import org.varl.models.diffusion.TimeConditionedMlp;
import org.varl.models.toy.PointData;
import org.varl.models.toy.PointDataSets;

/**
 * A flow-matching run's checkpoint ({@link Checkpoint} of kind {@value #KIND}): the config, the
 * step counter, the network under {@code net/}, Adam under {@code adam/} and the metrics history (a
 * {@code [rows, 4]} float64 tensor), enough to resume exactly.
 */
public final class FlowCheckpoint {

  /** The checkpoint kind. */
  public static final String KIND = "flow";

  /** File name inside a run directory. */
  public static final String FILE = "checkpoint.bin";

  private final Checkpoint checkpoint;
  private final FlowConfig config;
  private final Path file;

  private FlowCheckpoint(Checkpoint checkpoint, FlowConfig config, Path file) {
    this.checkpoint = checkpoint;
    this.config = config;
    this.file = file;
  }

  /** Reads {@code dir/checkpoint.bin}; a missing, corrupt or foreign file is one line. */
  public static FlowCheckpoint read(Path dir) {
    Path file = dir.resolve(FILE);
    Checkpoint c = Checkpoint.read(file, KIND);
    return new FlowCheckpoint(c, FlowConfig.fromJson(c.config(), "checkpoint " + file), file);
  }

  /** The run's config. */
  public FlowConfig config() {
    return config;
  }

  /** Steps done. */
  public long step() {
    return checkpoint.counter("step");
  }

  /** The metrics rows written so far. */
  public List<FlowMetrics> history() {
    Checkpoint.Tensor t = checkpoint.tensor("history");
    double[] v = (double[]) t.values();
    List<FlowMetrics> rows = new ArrayList<>();
    for (int i = 0; i + FlowMetrics.COLUMNS <= v.length; i += FlowMetrics.COLUMNS) {
      rows.add(new FlowMetrics((long) v[i], v[i + 1], v[i + 2], v[i + 3]));
    }
    return rows;
  }

  /** The run's data set. */
  public PointData data() {
    return PointDataSets.parse(config.data(), config.seed(), null);
  }

  /**
   * The network of dimension {@code d} with the stored parameters, in a sub-manager of {@code
   * parent}; an incompatible checkpoint (shapes, names) is one line.
   */
  public TimeConditionedMlp network(NDManager parent, int d) {
    TimeConditionedMlp net =
        TimeConditionedMlp.create(
            parent, d, config.hidden(), config.layers(), embeddingDim(), config.seed());
    try {
      checkpoint.loadParameters("net/", net.parameterNames(), net.parameters());
    } catch (IllegalArgumentException e) {
      net.close();
      throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage());
    }
    return net;
  }

  /** The point dimension the network was trained on (its output width). */
  public int dimension() {
    String last = "net/layers." + config.layers() + ".bias";
    return Math.toIntExact(checkpoint.tensor(last).shape()[0]);
  }

  private static int embeddingDim() {
    return org.varl.models.diffusion.SinusoidalEmbedding.DEFAULT_DIM;
  }

  /** Restores Adam's moments and step. */
  public void loadOptimizer(Adam adam) {
    adam.restore(checkpoint.adamState("adam/", adam.parameters().size()));
  }

  /** Captures a run. */
  static Checkpoint capture(
      FlowConfig config, long step, TimeConditionedMlp net, Adam adam, List<FlowMetrics> history) {
    double[] h = new double[history.size() * FlowMetrics.COLUMNS];
    for (int i = 0; i < history.size(); i++) {
      FlowMetrics m = history.get(i);
      int k = i * FlowMetrics.COLUMNS;
      h[k] = m.step();
      h[k + 1] = m.loss();
      h[k + 2] = m.lossEma();
      h[k + 3] = m.stepsPerSecond();
    }
    return Checkpoint.builder(KIND)
        .setConfig(config.toJson())
        .putCounter("step", step)
        .putParameters("net/", net.parameterNames(), net.parameters())
        .putAdam("adam/", adam.state())
        .putDoubles("history", new long[] {history.size(), FlowMetrics.COLUMNS}, h)
        .build();
  }
}
