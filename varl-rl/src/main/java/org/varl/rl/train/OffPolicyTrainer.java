package org.varl.rl.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.varl.core.io.AtomicFiles;
import org.varl.core.io.Checkpoint;
import org.varl.core.io.OutputSet;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.rl.agents.Agent;
import org.varl.rl.agents.UpdateMetrics;
import org.varl.rl.agents.UpdateSchedule;
import org.varl.rl.env.Box;
import org.varl.rl.env.Discrete;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;
import org.varl.rl.env.Step;
import org.varl.rl.replay.ReplayBuffer;

/**
 * The off-policy training loop of every agent (SB3's {@code OffPolicyAlgorithm.learn}), generic
 * over {@link Agent} and over Box and Discrete action spaces:
 *
 * <pre>
 *   s ← env.reset(mix(seed, ENVIRONMENT, 0))
 *   for t = 0 … T − 1:
 *     a ← uniform over the action space (from (seed, RANDOM_ACTIONS, t))  if t &lt; learning_starts
 *         agent.act(s, stochastic, t)                                     otherwise
 *     (s′, r, terminated, truncated) ← env.step(a);  buffer.add(s, a, r, s′, terminated, truncated)
 *     on the schedule: agent.update(buffer.sample(batch, (seed, REPLAY_BATCHES, u)), u), u = 0, 1, …
 *     if terminated or truncated: a metrics row; s ← env.reset(mix(seed, ENVIRONMENT, episode))
 *     every eval_every steps and at T: an evaluation on its own environment, a metrics row,
 *       and the checkpoint, metrics.csv and config.json written as one set
 * </pre>
 *
 * <p>Exact resume: every random draw is keyed by a counter (step, update, episode, evaluation), so
 * the checkpoint holds the counters, the agent (networks, targets, optimizers, α), the whole replay
 * buffer, and the actions of the episode in progress; a resumed run resets that episode's
 * environment with its seed and replays those actions, which puts the (deterministic) environment
 * back where it was, and then continues exactly as the uninterrupted run (with the same thread
 * count; a different one changes the float summation order).
 *
 * <p>Run directory: {@value #CONFIG}, {@value #METRICS} ({@link MetricsRow}), {@value #CHECKPOINT}.
 */
public final class OffPolicyTrainer {

  /** The run's settings. */
  public static final String CONFIG = "config.json";

  /** The metrics rows. */
  public static final String METRICS = "metrics.csv";

  /** The checkpoint of the last evaluation. */
  public static final String CHECKPOINT = "checkpoint.bin";

  private static final long PROGRESS_EVERY = 250;

  /** What a finished run returns. */
  public record Result(
      TrainConfig config, Path out, long steps, long updates, List<MetricsRow> rows) {

    /** The last evaluation row. */
    public MetricsRow lastEvaluation() {
      for (int i = rows.size() - 1; i >= 0; i--) {
        if (rows.get(i).isEvaluation()) {
          return rows.get(i);
        }
      }
      throw new IllegalStateException("no evaluation");
    }
  }

  private OffPolicyTrainer() {}

  /**
   * Called after every step's updates, before an episode's end resets the environment: may change
   * the buffer's observations in place (a refit of the observation encoder re-encodes them) and
   * returns the observation the loop continues from ({@code observation} itself, or re-encoded).
   */
  @FunctionalInterface
  public interface StepHook {
    double[] afterStep(long step, ReplayBuffer buffer, double[] observation);
  }

  /** Trains a new run of {@code config} on its registered environment into {@code out}. */
  public static Result run(TrainConfig config, Path out, TrainListener listener) {
    Algorithms.require(config.algo());
    Envs.make(config.env());
    return run(config, () -> Envs.make(config.env()), out, null, listener);
  }

  /**
   * Continues the run in {@code from} up to {@code steps} total steps with {@code threads} (the
   * run's own unless another is given), writing into {@code out} (the same directory, or a fork).
   */
  public static Result resume(
      Path from, long steps, Integer threads, Path out, TrainListener listener) {
    Checkpoint checkpoint = Checkpoint.read(from.resolve(CHECKPOINT), null);
    TrainConfig own = TrainConfig.fromJson(checkpoint.config());
    TrainConfig config =
        own.withSteps(steps).withThreads(threads == null ? own.threads() : threads);
    org.varl.rl.repr.ObservationSpec spec = org.varl.rl.repr.ObservationSpec.read(from);
    if (spec == null) {
      return run(config, () -> Envs.make(config.env()), out, checkpoint, listener);
    }
    try (org.varl.rl.repr.ObservationSpec.Environments envs = spec.open()) {
      if (!from.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
        spec.write(out);
      }
      return run(config, envs.factory(), out, checkpoint, listener);
    }
  }

  /** The config stored in the checkpoint of run directory {@code dir}. */
  public static TrainConfig readConfig(Path dir) {
    return TrainConfig.fromJson(Checkpoint.read(dir.resolve(CHECKPOINT), null).config());
  }

  /**
   * The general form: {@code environments} makes the training and the evaluation environments (each
   * call a fresh one); {@code checkpoint} is null for a new run.
   */
  public static Result run(
      TrainConfig config,
      Supplier<Env> environments,
      Path out,
      Checkpoint checkpoint,
      TrainListener listener) {
    return run(config, environments, out, checkpoint, listener, null);
  }

  /** {@link #run(TrainConfig, Supplier, Path, Checkpoint, TrainListener)} with a step hook. */
  public static Result run(
      TrainConfig config,
      Supplier<Env> environments,
      Path out,
      Checkpoint checkpoint,
      TrainListener listener,
      StepHook hook) {
    UpdateSchedule schedule = Algorithms.schedule(config);
    Env env = environments.get();
    Env evalEnv = environments.get();
    try (NDManager manager = NDManager.newBaseManager()) {
      Algorithms.Built built = Algorithms.build(config, env, manager);
      try (Agent agent = built.agent()) {
        Loop loop = new Loop(config, schedule, env, evalEnv, agent, out, listener, hook);
        if (checkpoint != null) {
          loop.restore(checkpoint);
        } else {
          loop.start();
        }
        return loop.run();
      }
    }
  }

  /** The state of one run. */
  private static final class Loop {
    private final TrainConfig config;
    private final UpdateSchedule schedule;
    private final Env env;
    private final Env evalEnv;
    private final Agent agent;
    private final Path out;
    private final TrainListener listener;
    private final StepHook hook;
    private final ReplayBuffer buffer;
    private final int actionDim;
    private final List<MetricsRow> rows = new ArrayList<>();
    private final List<double[]> episodeActions = new ArrayList<>();
    private long step;
    private long episode;
    private long updates;
    private long evaluations;
    private long checkpointStep = -1;
    private double episodeReturn;
    private double lastReturn = Double.NaN;
    private double[] observation;
    // Means over the updates since the last row.
    private double sumCritic;
    private double sumActor;
    private double sumAlpha;
    private double sumEntropy;
    private long count;
    private long rowNanos = System.nanoTime();

    Loop(
        TrainConfig config,
        UpdateSchedule schedule,
        Env env,
        Env evalEnv,
        Agent agent,
        Path out,
        TrainListener listener,
        StepHook hook) {
      this.hook = hook;
      this.config = config;
      this.schedule = schedule;
      this.env = env;
      this.evalEnv = evalEnv;
      this.agent = agent;
      this.out = out;
      this.listener = listener;
      this.actionDim = env.actionSpace().dimension();
      this.buffer =
          new ReplayBuffer(schedule.bufferSize(), env.observationSpace().dimension(), actionDim);
    }

    void start() {
      observation = env.reset(resetSeed(0));
    }

    private long resetSeed(long e) {
      return Seeds.mix(config.seed(), Streams.ENVIRONMENT, e);
    }

    void restore(Checkpoint c) {
      if (!c.kind().equals(agent.kind())) {
        throw new IllegalArgumentException(
            "incompatible checkpoint: kind " + c.kind() + ", the run's algorithm " + agent.kind());
      }
      step = c.counter("train/step");
      episode = c.counter("train/episode");
      updates = c.counter("train/updates");
      evaluations = c.counter("train/evaluations");
      if (step < 0 || episode < 0 || updates < 0 || evaluations < 0) {
        throw new IllegalArgumentException(
            "incompatible checkpoint: train/step is " + step + ", train/episode " + episode);
      }
      if (config.steps() <= step) {
        throw new IllegalArgumentException(
            "steps must be > the checkpoint's step "
                + step
                + " to continue, found "
                + config.steps());
      }
      agent.readFrom(c);
      buffer.readFrom(c, "replay/");
      Checkpoint.Tensor actions = c.tensor("train/episode_actions");
      if (actions.shape().length != 2 || actions.shape()[1] != actionDim) {
        throw new IllegalArgumentException(
            "incompatible checkpoint: train/episode_actions has shape "
                + java.util.Arrays.toString(actions.shape())
                + ", the environment's actions have "
                + actionDim
                + " values");
      }
      double[] a = c.doubles("train/episode_actions");
      observation = env.reset(resetSeed(episode));
      for (int i = 0; i < actions.shape()[0]; i++) {
        double[] action = java.util.Arrays.copyOfRange(a, i * actionDim, (i + 1) * actionDim);
        Step s = env.step(action);
        if (s.done()) {
          throw new IllegalArgumentException(
              "incompatible checkpoint: train/episode_actions ends the episode at row " + i);
        }
        episodeActions.add(action);
        episodeReturn += s.reward();
        observation = s.observation();
      }
      Checkpoint.Tensor metrics = c.tensor("train/metrics");
      if (metrics.dtype() != Checkpoint.DType.FLOAT64
          || metrics.shape().length != 2
          || metrics.shape()[1] != MetricsRow.COLUMNS) {
        throw new IllegalArgumentException(
            "incompatible checkpoint: train/metrics has shape "
                + java.util.Arrays.toString(metrics.shape())
                + ", expected [rows, "
                + MetricsRow.COLUMNS
                + "]");
      }
      double[] m = (double[]) metrics.values();
      for (int r = 0; r < metrics.shape()[0]; r++) {
        rows.add(
            MetricsRow.fromValues(
                java.util.Arrays.copyOfRange(
                    m, r * MetricsRow.COLUMNS, (r + 1) * MetricsRow.COLUMNS)));
      }
      for (MetricsRow r : rows) {
        if (!r.isEvaluation()) {
          lastReturn = r.episodeReturn();
        }
      }
      checkpointStep = step;
    }

    Result run() {
      long from = step;
      long startNanos = System.nanoTime();
      listener.started(from, config.steps());
      try {
        while (step < config.steps()) {
          long t = step;
          double[] action =
              t < schedule.learningStarts() ? randomAction(t) : agent.act(observation, false, t);
          Step s = env.step(action);
          buffer.add(
              observation, action, s.reward(), s.observation(), s.terminated(), s.truncated());
          episodeActions.add(action);
          episodeReturn += s.reward();
          observation = s.observation();
          step++;
          if (schedule.updatesAfter(t)) {
            for (int g = 0; g < schedule.gradientSteps(); g++) {
              update();
            }
          }
          if (hook != null) {
            observation = hook.afterStep(step, buffer, observation);
          }
          if (s.done()) {
            addRow(
                new MetricsRow(
                    step,
                    episode,
                    episodeReturn,
                    episodeActions.size(),
                    Double.NaN,
                    Double.NaN,
                    mean(sumCritic),
                    mean(sumActor),
                    mean(sumAlpha),
                    mean(sumEntropy),
                    ratePerSecond()));
            lastReturn = episodeReturn;
            episode++;
            episodeReturn = 0;
            episodeActions.clear();
            observation = env.reset(resetSeed(episode));
          }
          if (step % config.evalEvery() == 0 || step == config.steps()) {
            evaluate();
            writeCheckpoint();
          }
          if (step % PROGRESS_EVERY == 0) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            listener.progress(step, (step - from) / Math.max(seconds, 1e-9), lastReturn);
          }
        }
      } finally {
        listener.finished();
      }
      return new Result(config, out, step, updates, List.copyOf(rows));
    }

    private double[] randomAction(long t) {
      SplittableRandom random = NoiseStream.generator(config.seed(), Streams.RANDOM_ACTIONS, t);
      if (env.actionSpace() instanceof Discrete d) {
        return new double[] {random.nextInt(d.n())};
      }
      Box box = (Box) env.actionSpace();
      double[] a = new double[actionDim];
      for (int i = 0; i < actionDim; i++) {
        a[i] = box.low(i) + random.nextDouble() * (box.high(i) - box.low(i));
      }
      return a;
    }

    private void update() {
      SplittableRandom random =
          NoiseStream.generator(config.seed(), Streams.REPLAY_BATCHES, updates);
      UpdateMetrics m = agent.update(buffer.sample(schedule.batchSize(), random), updates);
      if (!m.finite()) {
        throw new TrainingDivergedException(
            "update "
                + updates
                + " at step "
                + step
                + " diverged (critic loss "
                + m.criticLoss()
                + ", actor loss "
                + m.actorLoss()
                + ", alpha "
                + m.alpha()
                + "); training stopped, "
                + (checkpointStep < 0
                    ? "no checkpoint had been written yet"
                    : "the last good checkpoint (step " + checkpointStep + ") is in " + out));
      }
      sumCritic += m.criticLoss();
      sumActor += m.actorLoss();
      sumAlpha += m.alpha();
      sumEntropy += m.entropy();
      count++;
      updates++;
    }

    private double mean(double sum) {
      return count == 0 ? Double.NaN : sum / count;
    }

    private double ratePerSecond() {
      long now = System.nanoTime();
      double rate = count == 0 ? Double.NaN : count / Math.max((now - rowNanos) / 1e9, 1e-9);
      return rate;
    }

    private void addRow(MetricsRow row) {
      rows.add(row);
      sumCritic = 0;
      sumActor = 0;
      sumAlpha = 0;
      sumEntropy = 0;
      count = 0;
      rowNanos = System.nanoTime();
      listener.row(row);
    }

    private void evaluate() {
      Evaluation e =
          Evaluation.run(agent, evalEnv, config.evalEpisodes(), config.seed(), evaluations, true);
      evaluations++;
      addRow(
          new MetricsRow(
              step,
              episode,
              Double.NaN,
              -1,
              e.mean(),
              e.std(),
              mean(sumCritic),
              mean(sumActor),
              mean(sumAlpha),
              mean(sumEntropy),
              ratePerSecond()));
    }

    private void writeCheckpoint() {
      Checkpoint.Builder b = Checkpoint.builder(agent.kind()).setConfig(config.toJson());
      b.putCounter("train/step", step);
      b.putCounter("train/episode", episode);
      b.putCounter("train/updates", updates);
      b.putCounter("train/evaluations", evaluations);
      double[] actions = new double[episodeActions.size() * actionDim];
      for (int i = 0; i < episodeActions.size(); i++) {
        System.arraycopy(episodeActions.get(i), 0, actions, i * actionDim, actionDim);
      }
      b.putDoubles("train/episode_actions", new long[] {episodeActions.size(), actionDim}, actions);
      double[] metrics = new double[rows.size() * MetricsRow.COLUMNS];
      for (int i = 0; i < rows.size(); i++) {
        System.arraycopy(
            rows.get(i).values(), 0, metrics, i * MetricsRow.COLUMNS, MetricsRow.COLUMNS);
      }
      b.putDoubles("train/metrics", new long[] {rows.size(), MetricsRow.COLUMNS}, metrics);
      buffer.writeTo(b, "replay/");
      agent.writeTo(b);
      Checkpoint checkpoint = b.build();
      StringBuilder csv = new StringBuilder(MetricsRow.HEADER).append('\n');
      for (MetricsRow r : rows) {
        csv.append(r.csv()).append('\n');
      }
      try (OutputSet set = OutputSet.open()) {
        AtomicFiles.writeString(out.resolve(CONFIG), config.toJson());
        AtomicFiles.writeString(out.resolve(METRICS), csv.toString());
        checkpoint.write(out.resolve(CHECKPOINT));
        set.commit();
      }
      checkpointStep = step;
    }
  }
}
