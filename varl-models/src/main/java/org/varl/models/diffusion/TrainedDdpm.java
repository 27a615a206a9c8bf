package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained DDPM loaded from a run directory: its config, the step it reached, the network and the
 * model's closed forms ({@link Ddpm}). Close it to free the network.
 */
public final class TrainedDdpm implements AutoCloseable {

  private final DdpmConfig config;
  private final long step;
  private final int dimension;
  private final TimeConditionedMlp net;
  private final Ddpm ddpm;
  private final float[] table;
  private final List<MetricsRow> history;

  TrainedDdpm(
      DdpmConfig config,
      long step,
      int dimension,
      TimeConditionedMlp net,
      List<MetricsRow> history) {
    this.config = config;
    this.step = step;
    this.dimension = dimension;
    this.net = net;
    this.ddpm = new Ddpm(config.noiseSchedule(), config.variance());
    this.table = net.embedding().table(config.diffusionSteps());
    this.history = List.copyOf(history);
  }

  /**
   * Loads {@code dir/checkpoint.bin}; a missing, corrupt or incompatible checkpoint is a one-line
   * {@link IllegalArgumentException}.
   */
  public static TrainedDdpm load(Path dir, NDManager parent) {
    DdpmCheckpoint.Contents c = DdpmCheckpoint.read(dir);
    DdpmConfig cfg = c.config();
    TimeConditionedMlp net =
        TimeConditionedMlp.create(
            parent,
            c.dimension(),
            cfg.hidden(),
            cfg.layers(),
            SinusoidalEmbedding.DEFAULT_DIM,
            cfg.seed());
    try {
      c.loadParameters(net);
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
    return new TrainedDdpm(cfg, c.step(), c.dimension(), net, c.history());
  }

  /** The run's config. */
  public DdpmConfig config() {
    return config;
  }

  /** Training steps done. */
  public long step() {
    return step;
  }

  /** Point dimension d. */
  public int dimension() {
    return dimension;
  }

  /** The closed forms. */
  public Ddpm ddpm() {
    return ddpm;
  }

  /** The network. */
  public TimeConditionedMlp network() {
    return net;
  }

  /** The training history ({@code metrics.csv}'s rows). */
  public List<MetricsRow> history() {
    return history;
  }

  /** ε_θ through the network, input rows built in Java with the embedding of t − 1. */
  public EpsilonModel epsilon() {
    return epsilon(net, table, dimension);
  }

  /** ε_θ of {@code net} for integer steps, with the embedding table of {@code t − 1}. */
  static EpsilonModel epsilon(TimeConditionedMlp net, float[] table, int d) {
    return (manager, xt, t) -> {
      int[] idx = new int[t.length];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = t[i] - 1;
      }
      NDArray in = net.toEngine(manager, net.input(xt, idx, table));
      return net.forwardInput(in).toFloatArray();
    };
  }

  @Override
  public void close() {
    net.close();
  }
}
