package org.varl.rl.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.varl.core.io.Checkpoint;
import org.varl.rl.agents.Agent;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;

/** A trained agent loaded from a run directory's checkpoint, for evaluation and figures. */
public final class TrainedAgent {

  private TrainedAgent() {}

  /**
   * Loads the agent of run {@code dir} and applies {@code use} to it and a fresh environment of the
   * run; the agent is closed afterwards.
   *
   * @throws IllegalArgumentException for a missing, corrupt, truncated or incompatible checkpoint
   *     (the message names the file or the entry)
   */
  public static <T> T with(Path dir, BiFunction<Agent, Env, T> use) {
    Checkpoint checkpoint = Checkpoint.read(dir.resolve(OffPolicyTrainer.CHECKPOINT), null);
    TrainConfig config = TrainConfig.fromJson(checkpoint.config());
    Env env = Envs.make(config.env());
    try (NDManager manager = NDManager.newBaseManager();
        Agent agent = Algorithms.build(config, env, manager).agent()) {
      if (!checkpoint.kind().equals(agent.kind())) {
        throw new IllegalArgumentException(
            "incompatible checkpoint: kind "
                + checkpoint.kind()
                + ", its config's "
                + agent.kind());
      }
      agent.readFrom(checkpoint);
      return use.apply(agent, env);
    }
  }

  /**
   * {@code episodes} evaluation episodes of run {@code dir}'s agent, reset from {@code (seed,
   * EVAL_ENVIRONMENT, STANDALONE_ROUND, episode)}: never a training episode's start, nor one of the
   * training's own evaluations.
   */
  public static Evaluation evaluate(Path dir, int episodes, long seed, boolean deterministic) {
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
    return with(
        dir,
        (agent, env) ->
            Evaluation.run(agent, env, episodes, seed, Evaluation.STANDALONE_ROUND, deterministic));
  }
}
