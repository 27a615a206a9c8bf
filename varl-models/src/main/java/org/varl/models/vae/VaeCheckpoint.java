package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.io.Checkpoint;
import org.varl.core.optim.Adam;
import org.varl.core.optim.AdamState;

/**
 * A VAE training checkpoint in the core's format ({@link Checkpoint}, kind {@value #KIND}): the run
 * config (JSON), the finished epochs, the per-epoch history, the parameters ({@code model/<name>})
 * and Adam's state ({@code adam/...}). Enough to continue a run exactly where it stopped, even when
 * {@code metrics.csv} is gone.
 *
 * @param config the run
 * @param epoch finished epochs
 * @param adam Adam's step count and moments
 * @param names parameter names in model order
 * @param shapes parameter shapes
 * @param values parameter values
 * @param history the metrics of epochs 1..epoch
 */
public record VaeCheckpoint(
    RunConfig config,
    int epoch,
    AdamState adam,
    List<String> names,
    List<long[]> shapes,
    List<float[]> values,
    List<EpochMetrics> history) {

  /** File name inside a run directory. */
  public static final String FILE = "checkpoint.bin";

  /** The checkpoint kind. */
  public static final String KIND = "vae";

  private static final String PARAMS = "model/";
  private static final String ADAM = "adam/";
  private static final String HISTORY = "history";
  private static final int HISTORY_COLUMNS = 7;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the model's parameters and the optimizer's state out of the engine. */
  public static VaeCheckpoint capture(
      RunConfig config, int epoch, Vae vae, Adam adam, List<EpochMetrics> history) {
    List<long[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    for (NDArray p : vae.parameterArrays()) {
      shapes.add(p.getShape().getShape());
      values.add(p.toFloatArray());
    }
    return new VaeCheckpoint(
        config, epoch, adam.state(), vae.parameterNames(), shapes, values, List.copyOf(history));
  }

  /** Adam's t. */
  public long adamStep() {
    return adam.step();
  }

  /** Adam's first moments, in parameter order. */
  public List<float[]> means() {
    return List.of(adam.means());
  }

  /** Adam's second moments, in parameter order. */
  public List<float[]> variances() {
    return List.of(adam.variances());
  }

  /** The same checkpoint with another config (tests, and resume with more epochs). */
  public VaeCheckpoint withConfig(RunConfig c) {
    return new VaeCheckpoint(c, epoch, adam, names, shapes, values, history);
  }

  /** Builds the model described by the config and loads the parameters into it. */
  public Vae toModel(NDManager parent) {
    Vae vae = Vae.create(config.model(), config.train().seed(), parent);
    try {
      loadParameters(vae);
      return vae;
    } catch (RuntimeException e) {
      vae.close();
      throw e;
    }
  }

  /** Writes the parameters into {@code vae}, checking names and shapes. */
  public void loadParameters(Vae vae) {
    toCore().loadParameters(PARAMS, vae.parameterNames(), vae.parameterArrays());
  }

  /** Restores Adam's moments and step count (after {@link #loadParameters}). */
  public void loadOptimizer(Adam optimizer) {
    optimizer.restore(adam);
  }

  /** Writes the checkpoint atomically. */
  public void write(Path file) {
    toCore().write(file);
  }

  private Checkpoint toCore() {
    Checkpoint.Builder b =
        Checkpoint.builder(KIND).setConfig(configJson(config)).putCounter("epoch", epoch);
    for (int i = 0; i < names.size(); i++) {
      b.putFloats(PARAMS + names.get(i), shapes.get(i), values.get(i));
    }
    b.putAdam(ADAM, adam);
    double[] h = new double[history.size() * HISTORY_COLUMNS];
    for (int i = 0; i < history.size(); i++) {
      EpochMetrics m = history.get(i);
      double[] row = {
        m.epoch(),
        m.trainLoss(),
        m.testLoss(),
        m.kl(),
        m.recon(),
        m.epochSeconds(),
        m.examplesPerSecond()
      };
      System.arraycopy(row, 0, h, i * HISTORY_COLUMNS, HISTORY_COLUMNS);
    }
    b.putDoubles(HISTORY, new long[] {history.size(), HISTORY_COLUMNS}, h);
    return b.build();
  }

  /**
   * Reads and verifies a VAE checkpoint file; every problem is a one-line {@link
   * IllegalArgumentException}.
   */
  public static VaeCheckpoint read(Path file) {
    Checkpoint c;
    try {
      c = Checkpoint.read(file, KIND);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("no checkpoint at ")) {
        throw new IllegalArgumentException(e.getMessage() + " (train with --out DIR first)");
      }
      throw e;
    }
    String where = "checkpoint " + file;
    RunConfig config = parseConfig(c.config(), where);
    int epoch = Math.toIntExact(c.counter("epoch"));
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    for (var e : c.tensors().entrySet()) {
      if (e.getKey().startsWith(PARAMS)) {
        names.add(e.getKey().substring(PARAMS.length()));
        shapes.add(e.getValue().shape());
        values.add(c.floats(e.getKey()));
      }
    }
    AdamState adam = c.adamState(ADAM, names.size());
    double[] h = c.doubles(HISTORY);
    List<EpochMetrics> history = new ArrayList<>();
    for (int i = 0; i + HISTORY_COLUMNS <= h.length; i += HISTORY_COLUMNS) {
      history.add(
          new EpochMetrics((int) h[i], h[i + 1], h[i + 2], h[i + 3], h[i + 4], h[i + 5], h[i + 6]));
    }
    return new VaeCheckpoint(config, epoch, adam, names, shapes, values, history);
  }

  /** The run config as pretty JSON (also written as {@code config.json}). */
  public static String configJson(RunConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize run config: " + e.getMessage(), e);
    }
  }

  static RunConfig parseConfig(String json, String where) {
    try {
      return JSON.readValue(json, RunConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new IllegalArgumentException(
          where + " has an invalid config: " + cause.getMessage().lines().findFirst().orElse(""));
    }
  }
}
