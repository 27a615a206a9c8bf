package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.varl.core.io.Checkpoint;
import org.varl.core.optim.Adam;

/**
 * A state-space run in the core's checkpoint format ({@link Checkpoint}, kind {@value #KIND}): the
 * {@link SsmRunConfig} (JSON), the counter {@code step}, the parameters under {@code model/} (the
 * conv architecture's blocks included), Adam's state under {@code adam/} and the history ({@code
 * history}, {@code [steps, 3]}: per-step ELBO, recon, KL).
 */
public final class SsmCheckpoint {

  /** The checkpoint kind. */
  public static final String KIND = "ssm";

  private static final String PARAMS = "model/";
  private static final String ADAM = "adam/";
  private static final String HISTORY = "history";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SsmCheckpoint() {}

  /**
   * Writes the run atomically; refuses non-finite parameters, so a diverged run never overwrites a
   * good checkpoint.
   *
   * @throws IllegalStateException if a parameter holds NaN or ±∞ (the message names it)
   */
  public static void write(Path file, SsmTrainer.Run run) {
    SequenceModel model = run.model();
    Checkpoint.requireFinite(model.parameterNames(), model.parameters(), file);
    String json;
    try {
      json = JSON.writeValueAsString(new SsmRunConfig(model.config(), run.train()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the config: " + e.getMessage(), e);
    }
    double[] history = new double[run.steps() * 3];
    for (int k = 0; k < run.steps(); k++) {
      System.arraycopy(run.history()[k], 0, history, 3 * k, 3);
    }
    Checkpoint.builder(KIND)
        .setConfig(json)
        .putCounter("step", run.steps())
        .putParameters(PARAMS, model.parameterNames(), model.parameters())
        .putAdam(ADAM, run.adam().state())
        .putDoubles(HISTORY, new long[] {run.steps(), 3}, history)
        .build()
        .write(file);
  }

  /**
   * Reads a run into {@code manager}.
   *
   * @throws IllegalArgumentException for a missing, corrupt or incompatible file (one line naming
   *     the file and what does not fit)
   */
  public static SsmTrainer.Run read(Path file, NDManager manager) {
    Checkpoint c = Checkpoint.read(file, KIND);
    SsmRunConfig config;
    try {
      config = JSON.readValue(c.config(), SsmRunConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "incompatible checkpoint " + file + ": its config cannot be read (" + firstLine(e) + ")");
    }
    try {
      SequenceModel model = SequenceModel.create(manager, config.model(), config.train().seed());
      requireArchitecture(c, model.config());
      List<NDArray> params = model.parameters();
      c.loadParameters(PARAMS, model.parameterNames(), params);
      Adam adam = Adam.of(params, config.train().learningRate());
      adam.restore(c.adamState(ADAM, params.size()));
      double[] h = c.doubles(HISTORY);
      long steps = c.counter("step");
      if (h.length != steps * 3 || steps != config.train().steps()) {
        throw new IllegalArgumentException(
            "history holds " + h.length + " values, step is " + steps);
      }
      double[][] history = new double[(int) steps][3];
      for (int k = 0; k < steps; k++) {
        System.arraycopy(h, 3 * k, history[k], 0, 3);
      }
      return new SsmTrainer.Run(model, config.train(), adam, history);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String what = m.startsWith("incompatible checkpoint: ") ? m.substring(25) : m;
      throw new IllegalArgumentException("incompatible checkpoint " + file + ": " + what, e);
    }
  }

  /**
   * The stored parameters must be of the config's architecture: only the conv model has the frame
   * embedding ({@code encoder.}); said in one line before any shape is compared.
   */
  private static void requireArchitecture(Checkpoint c, SsmConfig config) {
    boolean storedConv =
        c.tensors().keySet().stream().anyMatch(k -> k.startsWith(PARAMS + "encoder."));
    if (storedConv != config.conv()) {
      throw new IllegalArgumentException(
          "its parameters are an "
              + (storedConv ? "arch conv" : "arch mlp")
              + " model's, its config says arch "
              + config.architecture().id());
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
