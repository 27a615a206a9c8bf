package org.varl.bench.imitation;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import org.varl.core.engine.EngineSetup;
import org.varl.models.diffpolicy.DiffusionPolicy;
import org.varl.models.diffpolicy.DiffusionPolicyConfig;
import org.varl.models.diffpolicy.DiffusionPolicyTrainer;
import org.varl.models.diffpolicy.UnitScaling;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.Demonstrations;
import org.varl.rl.imitation.ObstacleExpert;
import org.varl.rl.imitation.eval.DiffusionObstaclePolicy;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.ObstacleRollout;
import org.varl.rl.imitation.eval.ObstacleRollouts;

/**
 * Trains a diffusion policy (its defaults, with the given steps, learning rate and T) on {@code
 * Demonstrations.generate(OBSTACLES, DEMOS, SEED)} with config seed SEED, and scores {@code
 * ObstacleRollouts.play(OBSTACLES, policy, EPISODES, SEED)} (noise seed SEED) by {@link
 * ImitationMetrics}. Prints one line: {@code scaling minmax|identity seed S obstacles O rows N
 * steps K lr L T t train_seconds W steps_per_second R final_loss F success X collision Y timeout Z
 * modes [..] entropy H jerk J eval_seconds E expert_success X expert_entropy H expert_jerk J},
 * where final_loss is the mean of the last 100 steps' losses and the expert's scores are those of
 * the scripted expert ({@code ObstacleRollouts.expert}, σ_a = 0.005) on the same episode starts.
 *
 * <p>Usage: {@code DiffusionObstacle SEED [STEPS=default] [LR=default] [T=default] [EPISODES=200]
 * [DEMOS=200] [OBSTACLES=1] [SCALING=minmax|identity]}; an empty argument keeps the default. {@code
 * identity} trains in data units (no scaling of states and actions), for the ablation.
 */
public final class DiffusionObstacle {
  private DiffusionObstacle() {}

  private static String arg(String[] args, int i) {
    return args.length > i && !args[i].isEmpty() ? args[i] : null;
  }

  public static void main(String[] args) {
    long seed = Long.parseLong(args[0]);
    DiffusionPolicyConfig config = DiffusionPolicyConfig.defaults().withSeed(seed);
    if (arg(args, 1) != null) {
      config = config.withSteps(Integer.parseInt(args[1]));
    }
    if (arg(args, 2) != null) {
      config = config.withLearningRate(Double.parseDouble(args[2]));
    }
    if (arg(args, 3) != null) {
      config = config.withDenoisingSteps(Integer.parseInt(args[3]));
    }
    int episodes = arg(args, 4) != null ? Integer.parseInt(args[4]) : 200;
    int demos = arg(args, 5) != null ? Integer.parseInt(args[5]) : 200;
    int obstacles = arg(args, 6) != null ? Integer.parseInt(args[6]) : 1;
    boolean identity = "identity".equals(arg(args, 7));
    EngineSetup.threads(1);
    List<DemoRow> rows = Demonstrations.generate(obstacles, demos, seed);
    float[] states = new float[2 * rows.size()];
    float[] actions = new float[2 * rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      DemoRow r = rows.get(i);
      states[2 * i] = (float) r.x();
      states[2 * i + 1] = (float) r.y();
      actions[2 * i] = (float) r.dx();
      actions[2 * i + 1] = (float) r.dy();
    }
    try (NDManager m = NDManager.newBaseManager()) {
      long start = System.nanoTime();
      DiffusionPolicyTrainer.Run run =
          identity
              ? DiffusionPolicyTrainer.train(
                  m,
                  config,
                  DiffusionPolicy.create(
                      m, config, UnitScaling.identity(2), UnitScaling.identity(2)),
                  states,
                  actions)
              : DiffusionPolicyTrainer.train(m, config, states, 2, actions, 2);
      double train = (System.nanoTime() - start) / 1e9;
      double[] losses = run.losses();
      double last = 0;
      int tail = Math.min(100, losses.length);
      for (int k = losses.length - tail; k < losses.length; k++) {
        last += losses[k] / tail;
      }
      start = System.nanoTime();
      List<ObstacleRollout> rollouts =
          ObstacleRollouts.play(
              obstacles, new DiffusionObstaclePolicy(m, run.policy(), seed), episodes, seed);
      double eval = (System.nanoTime() - start) / 1e9;
      ImitationMetrics metrics = ImitationMetrics.of(obstacles, rollouts);
      ImitationMetrics expert =
          ImitationMetrics.of(
              obstacles,
              ObstacleRollouts.play(
                  obstacles,
                  ObstacleRollouts.expert(obstacles, ObstacleExpert.NOISE_STD, seed),
                  episodes,
                  seed));
      System.out.println(
          String.format(
              Locale.ROOT,
              "scaling %s seed %d obstacles %d rows %d steps %d lr %s T %d train_seconds %.1f"
                  + " steps_per_second %.0f final_loss %.4f success %.3f collision %.3f"
                  + " timeout %.3f modes %s entropy %.3f jerk %.3e eval_seconds %.1f"
                  + " expert_success %.3f expert_entropy %.3f expert_jerk %.3e",
              identity ? "identity" : "minmax",
              seed,
              obstacles,
              rows.size(),
              config.steps(),
              config.learningRate(),
              config.denoisingSteps(),
              train,
              config.steps() / train,
              last,
              metrics.successRate(),
              metrics.collisionRate(),
              metrics.timeoutRate(),
              metrics.modeCounts().toString().replace(" ", ""),
              metrics.behaviourEntropy(),
              metrics.meanJerk(),
              eval,
              expert.successRate(),
              expert.behaviourEntropy(),
              expert.meanJerk()));
    }
  }
}
