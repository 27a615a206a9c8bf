package org.varl.models.bc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.varl.core.io.Checkpoint;
import org.varl.core.optim.Adam;

/**
 * A behaviour-cloning policy in the core's checkpoint format ({@link Checkpoint}, kind {@value
 * #KIND}): the config JSON {@code {"policy": "gaussian"|"mse", "config": {...}}}, the counters
 * {@code step}, {@code stateDim} and {@code actionDim}, the parameters under {@code model/}, Adam's
 * state under {@code adam/} and the per-step losses.
 */
public final class BcCheckpoint {

  /** The checkpoint kind. */
  public static final String KIND = "bc";

  private static final String PARAMS = "model/";
  private static final String ADAM = "adam/";
  private static final String LOSSES = "losses";
  private static final String GAUSSIAN = "gaussian";
  private static final String MSE = "mse";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private BcCheckpoint() {}

  /**
   * Writes the run atomically; refuses non-finite parameters, so a diverged run never overwrites a
   * good checkpoint.
   *
   * @throws IllegalStateException if a parameter holds NaN or ±∞ (the message names it)
   */
  public static void write(Path file, BcConfig config, BcTrainer.Run run) {
    BcPolicy policy = run.policy();
    Checkpoint.requireFinite(policy.parameterNames(), policy.parameters(), file);
    ObjectNode root = JSON.createObjectNode();
    root.put("policy", policy instanceof GaussianBcPolicy ? GAUSSIAN : MSE);
    root.set("config", JSON.valueToTree(config));
    Checkpoint.builder(KIND)
        .setConfig(root.toString())
        .putCounter("step", run.losses().length)
        .putCounter("stateDim", policy.stateDim())
        .putCounter("actionDim", policy.actionDim())
        .putParameters(PARAMS, policy.parameterNames(), policy.parameters())
        .putAdam(ADAM, run.adam().state())
        .putDoubles(LOSSES, new long[] {run.losses().length}, run.losses())
        .build()
        .write(file);
  }

  /** A run read back: the config and the run, its arrays in {@code manager}. */
  public record Loaded(BcConfig config, BcTrainer.Run run) {}

  /**
   * Reads a checkpoint into {@code manager}.
   *
   * @throws IllegalArgumentException for a missing, corrupt or incompatible file (one line naming
   *     the file)
   */
  public static Loaded read(Path file, NDManager manager) {
    Checkpoint c = Checkpoint.read(file, KIND);
    BcConfig config;
    String kind;
    try {
      JsonNode root = JSON.readTree(c.config());
      kind = root.path("policy").asText("");
      config = JSON.treeToValue(root.path("config"), BcConfig.class);
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
    if (stateDim < 1 || stateDim > 1 << 20 || actionDim < 1 || actionDim > 1 << 20) {
      throw new IllegalArgumentException(
          "incompatible checkpoint "
              + file
              + ": stateDim "
              + stateDim
              + ", actionDim "
              + actionDim);
    }
    BcPolicy policy =
        switch (kind) {
          case GAUSSIAN ->
              GaussianBcPolicy.create(manager, config, (int) stateDim, (int) actionDim);
          case MSE -> MseBcPolicy.create(manager, config, (int) stateDim, (int) actionDim);
          default ->
              throw new IllegalArgumentException(
                  "incompatible checkpoint "
                      + file
                      + ": policy must be gaussian or mse, found '"
                      + kind
                      + "'");
        };
    List<NDArray> params = policy.parameters();
    c.loadParameters(PARAMS, policy.parameterNames(), params);
    Adam adam = Adam.of(params, config.learningRate());
    adam.restore(c.adamState(ADAM, params.size()));
    return new Loaded(config, new BcTrainer.Run(policy, adam, c.doubles(LOSSES)));
  }
}
