package org.varl.models.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A flow-matching run: data, coupling, network and optimization. Defaults are the PyTorch peer's
 * {@code cfm} mode ({@code shared/peers/torch_toy2d_peer.py}): 8gaussians, independent coupling,
 * σ_min = 0, batch 256 of fresh data every step, Adam with learning rate 1e-3 and torch's betas,
 * the 2 + 64 → 128 → 128 → 128 → 2 SiLU network.
 *
 * @param data the {@code --data} spec ({@link org.varl.models.toy.PointDataSets})
 * @param coupling independent (I-CFM) or ot (OT-CFM)
 * @param otSolver exact (Hungarian) or sinkhorn, for the OT coupling
 * @param sinkhornEpsilon Sinkhorn's ε relative to the batch's mean cost
 * @param sigmaMin σ_min of the conditional path ({@link ConditionalPath})
 * @param steps total training steps
 * @param batchSize pairs per step
 * @param learningRate Adam's step size
 * @param hidden hidden width of the network
 * @param layers hidden layers of the network
 * @param seed the run's one seed
 * @param threads PyTorch intra-op threads
 * @param logEvery steps per metrics row and progress report
 * @param checkpointEvery steps per checkpoint (and at the end)
 */
public record FlowConfig(
    String data,
    Coupling coupling,
    Coupling.OtSolver otSolver,
    double sinkhornEpsilon,
    double sigmaMin,
    int steps,
    int batchSize,
    double learningRate,
    int hidden,
    int layers,
    long seed,
    int threads,
    int logEvery,
    int checkpointEvery) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates every field, naming it. */
  public FlowConfig {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("data must be given");
    }
    if (coupling == null || otSolver == null) {
      throw new IllegalArgumentException("coupling and ot solver must be given");
    }
    if (!(sinkhornEpsilon > 0) || !Double.isFinite(sinkhornEpsilon)) {
      throw new IllegalArgumentException(
          "sinkhorn epsilon must be finite and > 0, found " + sinkhornEpsilon);
    }
    if (!(sigmaMin >= 0 && sigmaMin < 1)) {
      throw new IllegalArgumentException("sigma-min must be in [0, 1), found " + sigmaMin);
    }
    requirePositive("steps", steps);
    requirePositive("batch-size", batchSize);
    requirePositive("hidden", hidden);
    requirePositive("layers", layers);
    requirePositive("threads", threads);
    requirePositive("log-every", logEvery);
    requirePositive("checkpoint-every", checkpointEvery);
    if (checkpointEvery % logEvery != 0) {
      throw new IllegalArgumentException(
          "checkpoint-every must be a multiple of log-every ("
              + logEvery
              + ") so that a resumed run continues its metrics exactly, found "
              + checkpointEvery);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("lr must be finite and > 0, found " + learningRate);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, found " + value);
    }
  }

  /** The peer's cfm settings with 5000 steps. */
  public static FlowConfig defaults() {
    return new FlowConfig(
        "8gaussians",
        Coupling.INDEPENDENT,
        Coupling.OtSolver.EXACT,
        0.05,
        0,
        5000,
        256,
        1e-3,
        128,
        3,
        1,
        1,
        100,
        1000);
  }

  public FlowConfig withData(String v) {
    return new FlowConfig(
        v,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withCoupling(Coupling v) {
    return new FlowConfig(
        data,
        v,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withOtSolver(Coupling.OtSolver v) {
    return new FlowConfig(
        data,
        coupling,
        v,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withSinkhornEpsilon(double v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        v,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withSigmaMin(double v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        v,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withSteps(int v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        v,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withBatchSize(int v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        v,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withLearningRate(double v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        v,
        hidden,
        layers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withNetwork(int hiddenWidth, int hiddenLayers) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hiddenWidth,
        hiddenLayers,
        seed,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withSeed(long v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        v,
        threads,
        logEvery,
        checkpointEvery);
  }

  public FlowConfig withThreads(int v) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        v,
        logEvery,
        checkpointEvery);
  }

  /**
   * Steps per metrics row and per checkpoint, set together (the checkpoint interval must be a
   * multiple of the row interval).
   */
  public FlowConfig withLogging(int logEveryV, int checkpointEveryV) {
    return new FlowConfig(
        data,
        coupling,
        otSolver,
        sinkhornEpsilon,
        sigmaMin,
        steps,
        batchSize,
        learningRate,
        hidden,
        layers,
        seed,
        threads,
        logEveryV,
        checkpointEveryV);
  }

  /** The config as JSON (config.json and the checkpoint's config). */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("data", data);
    o.put("coupling", coupling.id());
    o.put("ot_solver", otSolver.id());
    o.put("sinkhorn_epsilon", sinkhornEpsilon);
    o.put("sigma_min", sigmaMin);
    o.put("steps", steps);
    o.put("batch_size", batchSize);
    o.put("lr", learningRate);
    o.put("hidden", hidden);
    o.put("layers", layers);
    o.put("seed", seed);
    o.put("threads", threads);
    o.put("log_every", logEvery);
    o.put("checkpoint_every", checkpointEvery);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@link #toJson()}; a missing or bad field is one line naming it. */
  public static FlowConfig fromJson(String json, String where) {
    try {
      JsonNode o = JSON.readTree(json);
      return new FlowConfig(
          text(o, "data", where),
          Coupling.parse(text(o, "coupling", where)),
          Coupling.OtSolver.parse(text(o, "ot_solver", where)),
          field(o, "sinkhorn_epsilon", where).asDouble(),
          field(o, "sigma_min", where).asDouble(),
          field(o, "steps", where).asInt(),
          field(o, "batch_size", where).asInt(),
          field(o, "lr", where).asDouble(),
          field(o, "hidden", where).asInt(),
          field(o, "layers", where).asInt(),
          field(o, "seed", where).asLong(),
          field(o, "threads", where).asInt(),
          field(o, "log_every", where).asInt(),
          field(o, "checkpoint_every", where).asInt());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": the config is not valid JSON");
    }
  }

  private static JsonNode field(JsonNode o, String name, String where) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(where + ": the config has no " + name);
    }
    return v;
  }

  private static String text(JsonNode o, String name, String where) {
    return field(o, name, where).asText();
  }
}
