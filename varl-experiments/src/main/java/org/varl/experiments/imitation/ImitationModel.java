package org.varl.experiments.imitation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.varl.core.io.AtomicFiles;
import org.varl.models.bc.BcCheckpoint;
import org.varl.models.bc.BcTrainer;
import org.varl.models.bc.GaussianBcPolicy;
import org.varl.models.cvae.CvaeCheckpoint;
import org.varl.models.cvae.CvaePolicy;
import org.varl.models.cvae.CvaeTrainer;
import org.varl.models.diffpolicy.DiffusionPolicyCheckpoint;
import org.varl.models.diffpolicy.DiffusionPolicyTrainer;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.DemoScaling;
import org.varl.rl.imitation.eval.BcObstaclePolicy;
import org.varl.rl.imitation.eval.CvaeObstaclePolicy;
import org.varl.rl.imitation.eval.DiffusionObstaclePolicy;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstaclePolicy;

/**
 * A trained imitation policy with what it needs to act on the task: its kind, the task (1 or 2
 * discs), the {@link DemoScaling} of its training demos, and the trained model (its parameters, its
 * optimizer and its history). On disk a model directory holds {@code model.json} ({@code {"format":
 * 1, "policy": KIND, "obstacles": N, "scaling": {...}}}) and {@code model.ckpt}, the model family's
 * checkpoint ({@link CvaeCheckpoint}, {@link BcCheckpoint} or {@link DiffusionPolicyCheckpoint}).
 */
public final class ImitationModel {

  /** The description file of a model directory. */
  public static final String JSON = "model.json";

  /** The checkpoint file of a model directory. */
  public static final String CHECKPOINT = "model.ckpt";

  private static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ImitationPolicyKind kind;
  private final int obstacles;
  private final DemoScaling scaling;
  private final ImitationTrainConfig config;
  private final CvaeTrainer.Run cvae;
  private final BcTrainer.Run bc;
  private final DiffusionPolicyTrainer.Run diffusion;

  ImitationModel(
      ImitationPolicyKind kind,
      int obstacles,
      DemoScaling scaling,
      ImitationTrainConfig config,
      CvaeTrainer.Run cvae,
      BcTrainer.Run bc,
      DiffusionPolicyTrainer.Run diffusion) {
    this.kind = kind;
    this.obstacles = obstacles;
    this.scaling = scaling;
    this.config = config;
    this.cvae = cvae;
    this.bc = bc;
    this.diffusion = diffusion;
  }

  public ImitationPolicyKind kind() {
    return kind;
  }

  public int obstacles() {
    return obstacles;
  }

  public DemoScaling scaling() {
    return scaling;
  }

  public ImitationTrainConfig config() {
    return config;
  }

  /**
   * The policy in the task's units. {@code z} matters only for the CVAE kinds (ignored otherwise);
   * {@code seed} seeds its ε draws ({@code Streams.EVAL_NOISE}).
   */
  public ObstaclePolicy policy(NDManager manager, LatentChoice z, long seed) {
    ObstaclePolicy standardized =
        switch (kind) {
          case BC_GAUSSIAN, BC_MSE -> new BcObstaclePolicy(manager, bc.policy());
          case CVAE, CVAE_LEARNED_PRIOR -> new CvaeObstaclePolicy(manager, cvae.policy(), z, seed);
          case DIFFUSION -> new DiffusionObstaclePolicy(manager, diffusion.policy(), seed);
        };
    return scaling.wrap(standardized);
  }

  /** The column names of {@link #history()}: the training metrics per step. */
  public List<String> historyColumns() {
    return switch (kind) {
      case BC_GAUSSIAN, BC_MSE -> List.of("train/loss");
      case CVAE, CVAE_LEARNED_PRIOR -> List.of("train/loss", "train/reconstruction", "train/kl");
      case DIFFUSION -> List.of("train/loss");
    };
  }

  /** One row per optimizer step, columns {@link #historyColumns()} (nats per example). */
  public double[][] history() {
    return switch (kind) {
      case BC_GAUSSIAN, BC_MSE, DIFFUSION -> {
        double[] l = kind == ImitationPolicyKind.DIFFUSION ? diffusion.losses() : bc.losses();
        double[][] out = new double[l.length][];
        for (int t = 0; t < l.length; t++) {
          out[t] = new double[] {l[t]};
        }
        yield out;
      }
      case CVAE, CVAE_LEARNED_PRIOR -> {
        double[] flat = cvae.history().flatten();
        double[][] out = new double[flat.length / 3][];
        for (int t = 0; t < out.length; t++) {
          out[t] = new double[] {flat[3 * t], flat[3 * t + 1], flat[3 * t + 2]};
        }
        yield out;
      }
    };
  }

  /**
   * The CVAE's posterior means μ_φ(s, a) of the rows, row-major {@code [n, latent]} (the latent
   * plot coloured by the expert's mode); empty for the other kinds.
   */
  public Optional<float[]> latentMeans(NDManager manager, List<DemoRow> rows) {
    if (!kind.hasLatent()) {
      return Optional.empty();
    }
    CvaePolicy p = cvae.policy();
    try (NDManager m = manager.newSubManager()) {
      NDArray s = m.create(scaling.states(rows), new Shape(rows.size(), 2));
      NDArray a = m.create(scaling.actions(rows), new Shape(rows.size(), 2));
      return Optional.of(p.encoder(s, a).mean().toFloatArray());
    }
  }

  /** The CVAE's latent size, or 0 for the other kinds. */
  public int latent() {
    return kind.hasLatent() ? cvae.policy().latent() : 0;
  }

  /** Writes {@code dir/model.ckpt} then {@code dir/model.json}, each atomically. */
  public List<Path> write(Path dir) {
    Path ckpt = dir.resolve(CHECKPOINT);
    Path json = dir.resolve(JSON);
    switch (kind) {
      case BC_GAUSSIAN, BC_MSE -> BcCheckpoint.write(ckpt, config.bc(), bc);
      case CVAE, CVAE_LEARNED_PRIOR -> CvaeCheckpoint.write(ckpt, config.cvae(), cvae);
      case DIFFUSION -> DiffusionPolicyCheckpoint.write(ckpt, diffusion);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("policy", kind.id());
    root.put("obstacles", obstacles);
    ObjectNode s = root.putObject("scaling");
    putArray(s, "state_mean", scaling.stateMean());
    putArray(s, "state_std", scaling.stateStd());
    putArray(s, "action_mean", scaling.actionMean());
    putArray(s, "action_std", scaling.actionStd());
    AtomicFiles.write(
        json,
        stream -> stream.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
    return List.of(ckpt, json);
  }

  /**
   * Reads a model directory into {@code manager}.
   *
   * @throws IllegalArgumentException (one line naming the file) for a missing or corrupt file, an
   *     unknown policy, a task other than 1 or 2 discs, a scaling that is not two finite pairs, or
   *     a checkpoint of another family or not over states (x, y) and actions (dx, dy)
   */
  public static ImitationModel read(Path dir, NDManager manager) {
    Path json = dir.resolve(JSON);
    Path ckpt = dir.resolve(CHECKPOINT);
    if (!Files.isRegularFile(json)) {
      throw new IllegalArgumentException(
          json + ": missing (train a model with varl imitation train --out DIR)");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(json + ": not JSON (" + firstLine(e) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(json + ": expected a JSON object");
    }
    if (root.path("format").asInt(-1) != FORMAT) {
      throw new IllegalArgumentException(
          json + ": format must be " + FORMAT + ", found " + root.path("format"));
    }
    ImitationPolicyKind kind;
    try {
      kind = ImitationPolicyKind.parse(root.path("policy").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(json + ": " + e.getMessage());
    }
    int obstacles = root.path("obstacles").asInt(-1);
    if (obstacles != 1 && obstacles != 2) {
      throw new IllegalArgumentException(
          json + ": obstacles must be 1 or 2, found " + root.path("obstacles"));
    }
    DemoScaling scaling;
    try {
      JsonNode s = root.path("scaling");
      scaling =
          new DemoScaling(
              pair(s, "state_mean"),
              pair(s, "state_std"),
              pair(s, "action_mean"),
              pair(s, "action_std"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(json + ": " + e.getMessage());
    }
    if (!Files.isRegularFile(ckpt)) {
      throw new IllegalArgumentException(ckpt + ": missing");
    }
    ImitationTrainConfig base = ImitationTrainConfig.defaults().withPolicy(kind);
    return switch (kind) {
      case BC_GAUSSIAN, BC_MSE -> {
        BcCheckpoint.Loaded l = BcCheckpoint.read(ckpt, manager);
        boolean gaussian = l.run().policy() instanceof GaussianBcPolicy;
        if (gaussian != (kind == ImitationPolicyKind.BC_GAUSSIAN)) {
          throw new IllegalArgumentException(
              ckpt
                  + ": holds a "
                  + (gaussian ? "bc-gaussian" : "bc-mse")
                  + " policy, "
                  + json
                  + " says "
                  + kind.id());
        }
        requireTaskDims(ckpt, l.run().policy().stateDim(), l.run().policy().actionDim());
        yield new ImitationModel(
            kind, obstacles, scaling, base.withBc(l.config()), null, l.run(), null);
      }
      case CVAE, CVAE_LEARNED_PRIOR -> {
        CvaeCheckpoint.Loaded l = CvaeCheckpoint.read(ckpt, manager);
        CvaePolicy p = l.run().policy();
        if (p.hasLearnedPrior() != (kind == ImitationPolicyKind.CVAE_LEARNED_PRIOR)) {
          throw new IllegalArgumentException(
              ckpt
                  + ": holds a CVAE "
                  + (p.hasLearnedPrior() ? "with" : "without")
                  + " a learned prior, "
                  + json
                  + " says "
                  + kind.id());
        }
        requireTaskDims(ckpt, p.stateDim(), p.actionDim());
        yield new ImitationModel(
            kind, obstacles, scaling, base.withCvae(l.config()), l.run(), null, null);
      }
      case DIFFUSION -> {
        DiffusionPolicyTrainer.Run run = DiffusionPolicyCheckpoint.read(ckpt, manager);
        requireTaskDims(ckpt, run.policy().stateDim(), run.policy().actionDim());
        yield new ImitationModel(
            kind, obstacles, scaling, base.withDiffusion(run.policy().config()), null, null, run);
      }
    };
  }

  private static void requireTaskDims(Path ckpt, int stateDim, int actionDim) {
    if (stateDim != 2 || actionDim != 2) {
      throw new IllegalArgumentException(
          ckpt
              + ": the obstacle task needs stateDim 2 and actionDim 2, found "
              + stateDim
              + " and "
              + actionDim);
    }
  }

  private static double[] pair(JsonNode parent, String name) {
    JsonNode a = parent.get(name);
    if (a == null || !a.isArray() || a.size() != 2) {
      throw new IllegalArgumentException(
          "scaling." + name + " must be an array of 2 numbers, found " + a);
    }
    double[] out = new double[2];
    for (int i = 0; i < 2; i++) {
      if (!a.get(i).isNumber()) {
        throw new IllegalArgumentException(
            "scaling." + name + " must hold numbers, found " + a.get(i) + " at index " + i);
      }
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  private static void putArray(ObjectNode parent, String name, double[] values) {
    ArrayNode a = parent.putArray(name);
    for (double v : values) {
      a.add(v);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
