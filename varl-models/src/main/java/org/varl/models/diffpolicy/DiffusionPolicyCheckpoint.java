package org.varl.models.diffpolicy;

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
 * A diffusion policy in the core's checkpoint format ({@link Checkpoint}, kind {@value #KIND}): the
 * config (JSON), the counters {@code step}, {@code stateDim} and {@code actionDim}, the scalings
 * ({@code scaling/state} and {@code scaling/action}, {@code [2, dim]}: the centres, then the half
 * ranges), the parameters under {@code model/}, Adam's state under {@code adam/} and the per-step
 * losses ({@code losses}, {@code [steps]}).
 */
public final class DiffusionPolicyCheckpoint {

  /** The checkpoint kind. */
  public static final String KIND = "diffusion-policy";

  static final String PARAMS = "model/";
  static final String ADAM = "adam/";
  private static final String STATE_SCALING = "scaling/state";
  private static final String ACTION_SCALING = "scaling/action";
  private static final String LOSSES = "losses";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DiffusionPolicyCheckpoint() {}

  /**
   * Writes the run atomically (through {@link Checkpoint#write}); refuses non-finite parameters, so
   * a diverged run never overwrites a good checkpoint.
   *
   * @throws IllegalStateException if a parameter holds NaN or ±∞ (the message names it)
   */
  public static void write(Path file, DiffusionPolicyTrainer.Run run) {
    DiffusionPolicy policy = run.policy();
    Checkpoint.requireFinite(policy.parameterNames(), policy.parameters(), file);
    String json;
    try {
      json = JSON.writeValueAsString(policy.config());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the config: " + e.getMessage(), e);
    }
    Checkpoint.builder(KIND)
        .setConfig(json)
        .putCounter("step", run.losses().length)
        .putCounter("stateDim", policy.stateDim())
        .putCounter("actionDim", policy.actionDim())
        .putDoubles(
            STATE_SCALING, new long[] {2, policy.stateDim()}, flatten(policy.stateScaling()))
        .putDoubles(
            ACTION_SCALING, new long[] {2, policy.actionDim()}, flatten(policy.actionScaling()))
        .putParameters(PARAMS, policy.parameterNames(), policy.parameters())
        .putAdam(ADAM, run.adam().state())
        .putDoubles(LOSSES, new long[] {run.losses().length}, run.losses())
        .build()
        .write(file);
  }

  /**
   * Reads a checkpoint into {@code manager}.
   *
   * @throws IllegalArgumentException for a missing, corrupt or incompatible file (one line naming
   *     the file and what does not fit)
   */
  public static DiffusionPolicyTrainer.Run read(Path file, NDManager manager) {
    Checkpoint c = Checkpoint.read(file, KIND);
    DiffusionPolicyConfig config;
    try {
      config = JSON.readValue(c.config(), DiffusionPolicyConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "incompatible checkpoint "
              + file
              + ": its config cannot be read ("
              + e.getMessage()
              + ")");
    }
    try {
      long stateDim = c.counter("stateDim");
      long actionDim = c.counter("actionDim");
      if (stateDim < 1 || stateDim > 1 << 20 || actionDim < 1 || actionDim > 1 << 20) {
        throw new IllegalArgumentException("stateDim " + stateDim + ", actionDim " + actionDim);
      }
      UnitScaling states = scaling(c, STATE_SCALING, (int) stateDim);
      UnitScaling actions = scaling(c, ACTION_SCALING, (int) actionDim);
      DiffusionPolicy policy = DiffusionPolicy.create(manager, config, states, actions);
      List<NDArray> params = policy.parameters();
      c.loadParameters(PARAMS, policy.parameterNames(), params);
      Adam adam = Adam.of(params, config.learningRate());
      adam.restore(c.adamState(ADAM, params.size()));
      double[] losses = c.doubles(LOSSES);
      if (losses.length != c.counter("step")) {
        throw new IllegalArgumentException(
            "losses hold " + losses.length + " values, step is " + c.counter("step"));
      }
      return new DiffusionPolicyTrainer.Run(policy, adam, losses);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String what = m.startsWith("incompatible checkpoint: ") ? m.substring(25) : m;
      throw new IllegalArgumentException("incompatible checkpoint " + file + ": " + what, e);
    }
  }

  private static double[] flatten(UnitScaling s) {
    int d = s.columns();
    double[] out = new double[2 * d];
    System.arraycopy(s.center(), 0, out, 0, d);
    System.arraycopy(s.halfRange(), 0, out, d, d);
    return out;
  }

  private static UnitScaling scaling(Checkpoint c, String name, int d) {
    double[] v = c.doubles(name);
    if (v.length != 2 * d) {
      throw new IllegalArgumentException(
          name + " holds " + v.length + " values, expected 2 × " + d + " = " + 2 * d);
    }
    double[] center = new double[d];
    double[] half = new double[d];
    System.arraycopy(v, 0, center, 0, d);
    System.arraycopy(v, d, half, 0, d);
    try {
      return new UnitScaling(center, half);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }
}
