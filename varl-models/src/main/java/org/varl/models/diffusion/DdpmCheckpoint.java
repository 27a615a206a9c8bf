package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.List;
import org.varl.core.io.Checkpoint;
import org.varl.core.optim.Adam;
import org.varl.core.optim.AdamState;

/**
 * A DDPM run in the core's checkpoint format ({@link Checkpoint}, kind {@value #KIND}): the config
 * (JSON), the counters {@code step} and {@code dimension}, the network's parameters under {@code
 * model/}, Adam's state under {@code adam/} and the metrics history: enough to sample, bound or
 * continue the run exactly.
 */
public final class DdpmCheckpoint {

  /** File name inside a run directory. */
  public static final String FILE = "checkpoint.bin";

  /** The checkpoint kind. */
  public static final String KIND = "ddpm";

  static final String PARAMS = "model/";
  static final String ADAM = "adam/";
  private static final String HISTORY = "history";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DdpmCheckpoint() {}

  /** The config as JSON (also written as {@code config.json}). */
  public static String configJson(DdpmConfig config) {
    try {
      return JSON.writeValueAsString(config) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the config: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the run's state atomically; refuses non-finite parameters, so a diverged run never
   * overwrites its last good checkpoint.
   */
  static void write(
      Path file,
      DdpmConfig config,
      int dimension,
      long step,
      TimeConditionedMlp net,
      Adam adam,
      List<MetricsRow> history) {
    Checkpoint.Builder b =
        Checkpoint.builder(KIND)
            .setConfig(configJson(config))
            .putCounter("step", step)
            .putCounter("dimension", dimension);
    List<NDArray> params = net.parameters();
    for (int i = 0; i < params.size(); i++) {
      float[] v = params.get(i).toFloatArray();
      for (int j = 0; j < v.length; j++) {
        if (!Float.isFinite(v[j])) {
          throw new TrainingDivergedException(
              "training diverged before step "
                  + step
                  + ": parameter "
                  + net.parameterNames().get(i)
                  + " holds "
                  + v[j]
                  + "; the last good checkpoint is kept in "
                  + file.getParent()
                  + " (try a smaller --lr)",
              step);
        }
      }
      b.putFloats(PARAMS + net.parameterNames().get(i), params.get(i).getShape().getShape(), v);
    }
    b.putAdam(ADAM, adam.state());
    b.putDoubles(HISTORY, new long[] {history.size(), 4}, MetricsRow.flatten(history));
    b.build().write(file);
  }

  /** What a checkpoint file holds, read and verified (one-line errors naming the file). */
  record Contents(
      Checkpoint raw, DdpmConfig config, long step, int dimension, List<MetricsRow> history) {

    AdamState adam(int parameters) {
      return raw.adamState(ADAM, parameters);
    }

    void loadParameters(TimeConditionedMlp net) {
      raw.loadParameters(PARAMS, net.parameterNames(), net.parameters());
    }
  }

  /** Reads {@code DIR/checkpoint.bin}. */
  static Contents read(Path dir) {
    Path file = dir.resolve(FILE);
    Checkpoint c;
    try {
      c = Checkpoint.read(file, KIND);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("no checkpoint at ")) {
        throw new IllegalArgumentException(
            e.getMessage() + " (train with `varl diffusion train --out DIR` first)");
      }
      throw e;
    }
    DdpmConfig config;
    try {
      config = JSON.readValue(c.config(), DdpmConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "incompatible checkpoint " + file + ": its config cannot be read (" + firstLine(e) + ")");
    }
    long step = c.counter("step");
    long dim = c.counter("dimension");
    if (dim < 1 || dim > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("incompatible checkpoint " + file + ": dimension " + dim);
    }
    return new Contents(c, config, step, (int) dim, MetricsRow.unflatten(c.doubles(HISTORY)));
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
