package org.varl.models.cvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.varl.core.io.Checkpoint;
import org.varl.core.optim.Adam;

/**
 * A CVAE policy in the core's checkpoint format ({@link Checkpoint}, kind {@value #KIND}): the
 * config (JSON), the counters {@code step}, {@code stateDim} and {@code actionDim}, the parameters
 * under {@code model/}, Adam's state under {@code adam/} and the history ({@code [steps, 3]}).
 */
public final class CvaeCheckpoint {

  /** The checkpoint kind. */
  public static final String KIND = "cvae";

  static final String PARAMS = "model/";
  static final String ADAM = "adam/";
  private static final String HISTORY = "history";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CvaeCheckpoint() {}

  /**
   * Writes the run atomically (through {@link Checkpoint#write}); refuses non-finite parameters, so
   * a diverged run never overwrites a good checkpoint.
   *
   * @throws IllegalStateException if a parameter holds NaN or ±∞ (the message names it)
   */
  public static void write(Path file, CvaeConfig config, CvaeTrainer.Run run) {
    CvaePolicy policy = run.policy();
    Checkpoint.requireFinite(policy.parameterNames(), policy.parameters(), file);
    String json;
    try {
      json = JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the config: " + e.getMessage(), e);
    }
    Checkpoint.builder(KIND)
        .setConfig(json)
        .putCounter("step", run.history().steps())
        .putCounter("stateDim", policy.stateDim())
        .putCounter("actionDim", policy.actionDim())
        .putParameters(PARAMS, policy.parameterNames(), policy.parameters())
        .putAdam(ADAM, run.adam().state())
        .putDoubles(HISTORY, new long[] {run.history().steps(), 3}, run.history().flatten())
        .build()
        .write(file);
  }

  /** A run read back: the config and the run, its arrays in {@code manager}. */
  public record Loaded(CvaeConfig config, CvaeTrainer.Run run) {}

  /**
   * Reads a checkpoint into {@code manager}.
   *
   * @throws IllegalArgumentException for a missing, corrupt or incompatible file (one line naming
   *     the file)
   */
  public static Loaded read(Path file, NDManager manager) {
    Checkpoint c = Checkpoint.read(file, KIND);
    CvaeConfig config;
    try {
      config = JSON.readValue(c.config(), CvaeConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "incompatible checkpoint "
              + file
              + ": its config cannot be read ("
              + e.getMessage()
              + ")");
    }
    long stateDim = c.counter("stateDim");
    long actionDim = c.counter("actionDim");
    if (stateDim < 1
        || stateDim > Integer.MAX_VALUE
        || actionDim < 1
        || actionDim > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "incompatible checkpoint "
              + file
              + ": stateDim "
              + stateDim
              + ", actionDim "
              + actionDim);
    }
    CvaePolicy policy = CvaePolicy.create(manager, config, (int) stateDim, (int) actionDim);
    List<NDArray> params = policy.parameters();
    c.loadParameters(PARAMS, policy.parameterNames(), params);
    Adam adam = Adam.of(params, config.learningRate());
    adam.restore(c.adamState(ADAM, params.size()));
    return new Loaded(
        config, new CvaeTrainer.Run(policy, adam, CvaeHistory.of(c.doubles(HISTORY))));
  }
}
