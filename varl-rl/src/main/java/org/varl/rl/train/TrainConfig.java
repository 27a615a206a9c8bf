package org.varl.rl.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One training run of {@code varl rl train}. Options an algorithm sets itself are "unset" here and
 * take the algorithm's default ({@link Algorithms}): {@code alpha} null, {@code gamma} and {@code
 * learningRate} NaN, {@code hidden}, {@code batchSize} and {@code bufferSize} 0, {@code
 * learningStarts} −1.
 *
 * @param env the environment's short name ({@code Envs.names()})
 * @param algo the algorithm ({@link Algorithms#names()})
 * @param steps total environment steps, ≥ 1
 * @param seed the run's one seed
 * @param alpha {@code auto} (learned temperature), a number ≥ 0 (fixed), or null (the default)
 * @param gamma discount in (0, 1], or NaN
 * @param learningRate Adam step size > 0, or NaN
 * @param hidden hidden width of every network (two hidden layers), or 0
 * @param batchSize transitions per update, or 0
 * @param bufferSize replay capacity, or 0
 * @param learningStarts steps of uniform random actions before the first update, or −1
 * @param evalEvery environment steps between evaluations (and checkpoints), ≥ 1
 * @param evalEpisodes deterministic episodes per evaluation, ≥ 1
 * @param threads PyTorch intra-op threads of the run (part of its reproducibility)
 * @param encoder {@code none} (flat observations into the networks) or {@code conv} (SAC with a
 *     convolutional encoder of image observations: {@code org.varl.rl.agents.ConvEncoder})
 * @param encoderFeatures the encoder's output width, or 0 (the default, 50); only with {@code conv}
 */
public record TrainConfig(
    String env,
    String algo,
    long steps,
    long seed,
    String alpha,
    double gamma,
    double learningRate,
    int hidden,
    int batchSize,
    int bufferSize,
    int learningStarts,
    long evalEvery,
    int evalEpisodes,
    int threads,
    String encoder,
    int encoderFeatures) {

  /** Checks what does not depend on the algorithm; the message names the option and value. */
  public TrainConfig {
    if (env == null || env.isBlank()) {
      throw new IllegalArgumentException("env must be given");
    }
    if (algo == null || algo.isBlank()) {
      throw new IllegalArgumentException("algo must be given");
    }
    env = env.strip().toLowerCase(Locale.ROOT);
    algo = algo.strip().toLowerCase(Locale.ROOT);
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, found " + steps);
    }
    if (alpha != null) {
      alpha = alpha.strip().toLowerCase(Locale.ROOT);
      if (!alpha.equals("auto")) {
        double a;
        try {
          a = Double.parseDouble(alpha);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "alpha must be auto or a number >= 0, found '" + alpha + "'");
        }
        if (!(a >= 0) || Double.isInfinite(a)) {
          throw new IllegalArgumentException("alpha must be >= 0 and finite, found " + alpha);
        }
      }
    }
    if (!Double.isNaN(gamma) && !(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], found " + gamma);
    }
    if (!Double.isNaN(learningRate) && (!(learningRate > 0) || Double.isInfinite(learningRate))) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    requireUnsetOrPositive("hidden", hidden);
    requireUnsetOrPositive("batch-size", batchSize);
    requireUnsetOrPositive("buffer-size", bufferSize);
    if (learningStarts < -1) {
      throw new IllegalArgumentException("learning-starts must be >= 0, found " + learningStarts);
    }
    if (evalEvery < 1) {
      throw new IllegalArgumentException("eval-every must be >= 1, found " + evalEvery);
    }
    if (evalEpisodes < 1) {
      throw new IllegalArgumentException("eval-episodes must be >= 1, found " + evalEpisodes);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    encoder = encoder == null ? NO_ENCODER : encoder.strip().toLowerCase(Locale.ROOT);
    if (!ENCODERS.contains(encoder)) {
      throw new IllegalArgumentException(
          "encoder must be one of " + String.join(", ", ENCODERS) + ", found '" + encoder + "'");
    }
    requireUnsetOrPositive("encoder-features", encoderFeatures);
    if (encoderFeatures > 0 && encoder.equals(NO_ENCODER)) {
      throw new IllegalArgumentException(
          "encoder-features needs --encoder conv, found encoder none and encoder-features "
              + encoderFeatures);
    }
  }

  /** The {@code encoder} names. */
  public static final List<String> ENCODERS = List.of("none", "conv");

  /** No encoder: flat observations. */
  public static final String NO_ENCODER = "none";

  /** A convolutional encoder of image observations. */
  public static final String CONV_ENCODER = "conv";

  /** A run without an encoder (the fields before issue 13's). */
  public TrainConfig(
      String env,
      String algo,
      long steps,
      long seed,
      String alpha,
      double gamma,
      double learningRate,
      int hidden,
      int batchSize,
      int bufferSize,
      int learningStarts,
      long evalEvery,
      int evalEpisodes,
      int threads) {
    this(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        NO_ENCODER,
        0);
  }

  /** Whether the run has a convolutional encoder. */
  public boolean hasEncoder() {
    return encoder.equals(CONV_ENCODER);
  }

  private static void requireUnsetOrPositive(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 1, found " + value);
    }
  }

  /** SAC on Pendulum for 20,000 steps, seed 1, an evaluation of 10 episodes every 5,000 steps. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        "pendulum", "sac", 20_000, 1, null, Double.NaN, Double.NaN, 0, 0, 0, -1, 5_000, 10, 1);
  }

  /** With {@code n} total steps. */
  public TrainConfig withSteps(long n) {
    return new TrainConfig(
        env,
        algo,
        n,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With the environment {@code name}. */
  public TrainConfig withEnv(String name) {
    return new TrainConfig(
        name,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With the algorithm {@code name}. */
  public TrainConfig withAlgo(String name) {
    return new TrainConfig(
        env,
        name,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With seed {@code s}. */
  public TrainConfig withSeed(long s) {
    return new TrainConfig(
        env,
        algo,
        steps,
        s,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With {@code --alpha} ({@code auto}, a number, or null for the default). */
  public TrainConfig withAlpha(String a) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        a,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With discount {@code g}. */
  public TrainConfig withGamma(double g) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        g,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With Adam step size {@code lr}. */
  public TrainConfig withLearningRate(double lr) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        lr,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With hidden width {@code h}. */
  public TrainConfig withHidden(int h) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        h,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With the replay settings (0 / −1: the algorithm's default). */
  public TrainConfig withReplay(int batch, int buffer, int starts) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batch,
        buffer,
        starts,
        evalEvery,
        evalEpisodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With an evaluation of {@code episodes} episodes every {@code every} steps. */
  public TrainConfig withEvaluation(long every, int episodes) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        every,
        episodes,
        threads,
        encoder,
        encoderFeatures);
  }

  /** With {@code n} threads. */
  public TrainConfig withThreads(int n) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        n,
        encoder,
        encoderFeatures);
  }

  /**
   * With encoder {@code name} ({@code none} or {@code conv}) of {@code features} outputs (0: 50).
   */
  public TrainConfig withEncoder(String name, int features) {
    return new TrainConfig(
        env,
        algo,
        steps,
        seed,
        alpha,
        gamma,
        learningRate,
        hidden,
        batchSize,
        bufferSize,
        learningStarts,
        evalEvery,
        evalEpisodes,
        threads,
        name,
        features);
  }

  /** A flat JSON object of every field (unset ones as null), as {@code config.json} holds it. */
  public String toJson() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("env", quote(env));
    f.put("algo", quote(algo));
    f.put("steps", Long.toString(steps));
    f.put("seed", Long.toString(seed));
    f.put("alpha", alpha == null ? "null" : quote(alpha));
    f.put("gamma", number(gamma));
    f.put("lr", number(learningRate));
    f.put("hidden", Integer.toString(hidden));
    f.put("batch_size", Integer.toString(batchSize));
    f.put("buffer_size", Integer.toString(bufferSize));
    f.put("learning_starts", Integer.toString(learningStarts));
    f.put("eval_every", Long.toString(evalEvery));
    f.put("eval_episodes", Integer.toString(evalEpisodes));
    f.put("threads", Integer.toString(threads));
    f.put("encoder", quote(encoder));
    f.put("encoder_features", Integer.toString(encoderFeatures));
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, String> e : f.entrySet()) {
      sb.append("  \"").append(e.getKey()).append("\": ").append(e.getValue());
      sb.append(++i < f.size() ? ",\n" : "\n");
    }
    return sb.append("}\n").toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String number(double x) {
    return Double.isNaN(x) ? "null" : Double.toString(x);
  }

  private static final Pattern FIELD =
      Pattern.compile("\"([a-z_]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)");

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException naming the field for a missing or malformed one
   */
  public static TrainConfig fromJson(String json) {
    Map<String, String> f = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(json);
    while (m.find()) {
      f.put(m.group(1), m.group(3) != null ? m.group(3).replace("\\\"", "\"") : m.group(2));
    }
    return new TrainConfig(
        text(f, "env"),
        text(f, "algo"),
        integer(f, "steps"),
        integer(f, "seed"),
        f.containsKey("alpha") && !"null".equals(f.get("alpha")) ? f.get("alpha") : null,
        real(f, "gamma"),
        real(f, "lr"),
        (int) integer(f, "hidden"),
        (int) integer(f, "batch_size"),
        (int) integer(f, "buffer_size"),
        (int) integer(f, "learning_starts"),
        integer(f, "eval_every"),
        (int) integer(f, "eval_episodes"),
        (int) integer(f, "threads"),
        // Runs from before the encoder option have none.
        f.getOrDefault("encoder", NO_ENCODER),
        f.containsKey("encoder_features") ? (int) integer(f, "encoder_features") : 0);
  }

  private static String raw(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null) {
      throw new IllegalArgumentException("incompatible checkpoint: its config has no " + key);
    }
    return v;
  }

  private static String text(Map<String, String> f, String key) {
    return raw(f, key);
  }

  private static long integer(Map<String, String> f, String key) {
    String v = raw(f, key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "incompatible checkpoint: config " + key + " is '" + v + "', not an integer");
    }
  }

  private static double real(Map<String, String> f, String key) {
    String v = raw(f, key);
    if (v.equals("null")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "incompatible checkpoint: config " + key + " is '" + v + "', not a number");
    }
  }
}
