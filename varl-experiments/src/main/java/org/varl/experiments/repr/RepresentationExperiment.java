package org.varl.experiments.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.varl.core.analysis.LinearProbe;
import org.varl.core.data.DataOptions;
import org.varl.core.engine.EngineSetup;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.experiments.Listener;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.Estimator;
import org.varl.models.vae.Likelihood;
import org.varl.models.vae.ModelOptions;
import org.varl.models.vae.TrainRequest;
import org.varl.models.vae.TrainingListener;
import org.varl.models.vae.Vae;
import org.varl.models.vae.VaeTrainer;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;
import org.varl.rl.replay.ReplayDirectory;
import org.varl.rl.repr.Collect;
import org.varl.rl.repr.EncodedEnv;
import org.varl.rl.repr.EncoderRefit;
import org.varl.rl.repr.ObservationEncoder;
import org.varl.rl.repr.ObservationSpec;
import org.varl.rl.train.Algorithms;
import org.varl.rl.train.MetricsRow;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainConfig;
import org.varl.rl.train.TrainListener;

/**
 * Issue 13: "Train a VAE on states in the replay buffer R. Run RL using z as the state instead of
 * s", measured against RL on the true state and on raw pixels with the same SAC ({@link
 * TrainConfig#defaults()}: rl-zoo's Pendulum settings), the same seeds and the same number of
 * environment steps.
 *
 * <pre>
 *   for seed s:
 *     state:  SAC on pendulum (cos θ, sin θ, θ̇)
 *     vae-z:  frames of collectSteps uniform-random steps (seed s) → conv VAE (Bernoulli, latent
 *             per frame) → SAC on pendulum-pixels through the frozen encoder's means
 *     pixels: SAC on pendulum-pixels' raw stack (the configured agent)
 *     belief: frames (stack 1) of belief.collectSteps random steps (seed s) → RSSM → SAC on
 *             its filtering belief b_t = [μ_z,t, h_t] (issue 14; with a frame stack of 1,
 *             vae-z is the memoryless single frame it is measured against)
 *   probes: held-out random frames (a seed no run uses), least squares fit on one half, R² on the
 *           other: cos θ, sin θ from one frame's features, θ̇ from the stack's (the belief's
 *           probes all read b_t)
 * </pre>
 *
 * Runs go to temporary directories (deleted afterwards); every network runs on one engine thread.
 */
public final class RepresentationExperiment {

  private RepresentationExperiment() {}

  /** Runs every variant for every seed. */
  public static RepresentationResult run(RepresentationConfig config, Listener listener) {
    return run(config, listener, r -> {});
  }

  /**
   * Runs every variant for every seed, handing {@code partial} the result so far after each run (so
   * that a caller can write what is finished: a long comparison interrupted keeps its runs).
   */
  public static RepresentationResult run(
      RepresentationConfig config,
      Listener listener,
      java.util.function.Consumer<RepresentationResult> partial) {
    int threadsBefore = EngineSetup.currentThreads();
    EngineSetup.threads(1);
    List<RepresentationResult.Run> runs = new ArrayList<>();
    Optional<RepresentationResult.Images> images = Optional.empty();
    try {
      for (int i = 0; i < config.seeds(); i++) {
        long seed = config.seed() + i;
        ProbeData probe = probeData(config, seed);
        for (String variant : config.variants()) {
          Path tmp = tempDir();
          try {
            switch (variant) {
              case "state" -> runs.add(state(config, seed, tmp, probe, listener));
              case "vae-z", "vae-z-refit" -> {
                VaeRun v =
                    vaeZ(config, seed, tmp, probe, listener, i == 0, variant.equals("vae-z-refit"));
                runs.add(v.run());
                if (v.images() != null) {
                  images = Optional.of(v.images());
                }
              }
              case "belief" -> runs.add(belief(config, seed, tmp, probe, listener));
              default -> runs.add(pixels(config, seed, tmp, probe, listener));
            }
          } finally {
            deleteTree(tmp);
          }
          partial.accept(new RepresentationResult(config, List.copyOf(runs), images));
        }
      }
    } finally {
      EngineSetup.threads(threadsBefore);
    }
    return new RepresentationResult(config, List.copyOf(runs), images);
  }

  /** The SAC config of every variant: the defaults with this budget, seed and evaluation. */
  static TrainConfig sac(RepresentationConfig c, String env, long seed) {
    return TrainConfig.defaults()
        .withEnv(env)
        .withSteps(c.steps())
        .withSeed(seed)
        .withEvaluation(c.evalEvery(), c.evalEpisodes())
        .withThreads(1)
        // the whole run fits (the buffer never overwrites), so this is SAC's 10^6 buffer too; the
        // random steps are SAC's 100 for every variant (the conv encoder's own default is 1,000),
        // so that all variants update equally often on the same budget
        .withReplay(
            0,
            (int) Math.min(1_000_000, Math.max(256, c.steps())),
            (int) Algorithms.SAC_SCHEDULE.learningStarts());
  }

  private static RepresentationResult.Run state(
      RepresentationConfig c, long seed, Path tmp, ProbeData probe, Listener listener) {
    TrainConfig t = sac(c, "pendulum", seed);
    double[][] single = new double[probe.n()][];
    double[][] stack = new double[probe.n()][];
    for (int i = 0; i < probe.n(); i++) {
      double th = probe.states()[i][0];
      single[i] =
          new double[] {(float) Math.cos(th), (float) Math.sin(th), (float) probe.states()[i][1]};
      stack[i] = single[i];
    }
    RepresentationResult.Probe p = probe.score(single, stack);
    return train("state", t, () -> Envs.make("pendulum"), tmp, 0, p, listener, null);
  }

  private static RepresentationResult.Run pixels(
      RepresentationConfig c, long seed, Path tmp, ProbeData probe, Listener listener) {
    TrainConfig t = c.pixels().configure().apply(sac(c, "pendulum-pixels", seed));
    int d = c.pixelOptions().imageSize() * c.pixelOptions().imageSize();
    int k = c.pixelOptions().frameStack();
    double[][] single = new double[probe.n()][];
    double[][] stack = new double[probe.n()][];
    for (int i = 0; i < probe.n(); i++) {
      single[i] = new double[d];
      stack[i] = new double[k * d];
      for (int j = 0; j < d; j++) {
        single[i][j] = probe.frames()[i * d + j];
      }
      int[] rows = probe.stackRows(i, k);
      for (int f = 0; f < k; f++) {
        for (int j = 0; j < d; j++) {
          stack[i][f * d + j] = probe.frames()[rows[f] * d + j];
        }
      }
    }
    RepresentationResult.Probe p = probe.score(single, stack);
    return train(
        c.pixels().label(),
        t,
        () -> Envs.make("pendulum-pixels", c.pixelOptions()),
        tmp,
        0,
        p,
        listener,
        null);
  }

  /**
   * Issue 14's belief: the RSSM of {@link BeliefModel} trained on this seed's random frames, then
   * SAC on its filtering belief ({@code rl train --frame-stack 1 --encoder ssm:RUN}). The probe
   * reads cos θ, sin θ and θ̇ all from b_t: a belief, unlike one frame, should carry the velocity.
   */
  private static RepresentationResult.Run belief(
      RepresentationConfig c, long seed, Path tmp, ProbeData probe, Listener listener) {
    long start = System.nanoTime();
    Path model = tmp.resolve("ssm");
    BeliefModel.train(c, seed, tmp.resolve("replay"), model, listener);
    double representationSeconds = (System.nanoTime() - start) / 1e9;
    org.varl.rl.env.PixelOptions one = BeliefModel.pixelOptions(c);
    ObservationSpec spec = ObservationSpec.resolve("pendulum-pixels", one, "ssm:" + model);
    try (ObservationSpec.Environments envs = spec.open()) {
      EngineSetup.threads(1);
      double[][] b = BeliefModel.beliefs(model, probe);
      RepresentationResult.Probe p = probe.score(b, b);
      return train(
          "belief",
          sac(c, "pendulum-pixels", seed),
          envs.factory(),
          tmp.resolve("sac"),
          representationSeconds,
          p,
          listener,
          null);
    }
  }

  private record VaeRun(RepresentationResult.Run run, RepresentationResult.Images images) {}

  private static VaeRun vaeZ(
      RepresentationConfig c,
      long seed,
      Path tmp,
      ProbeData probe,
      Listener listener,
      boolean pictures,
      boolean refit) {
    long start = System.nanoTime();
    listener.stage("seed " + seed + " vae-z: collect " + c.collectSteps() + " random frames", 0);
    Collect.Result collected =
        Collect.run(
            new Collect.Config(
                "pendulum-pixels", c.pixelOptions(), "random", c.collectSteps(), seed),
            t -> {});
    Path replay = tmp.resolve("replay");
    ReplayDirectory.write(replay, collected.contents());
    listener.stage(
        "seed " + seed + " vae-z: train the VAE, " + c.vaeEpochs() + " epochs", c.vaeEpochs());
    Path vaeDir = tmp.resolve("vae");
    VaeTrainer.run(
        new TrainRequest(
            "replay:" + replay,
            DataOptions.defaults().withSeed(seed),
            new ModelOptions(
                Architecture.CONV, Likelihood.BERNOULLI, c.vaeHidden(), c.latent(), 0.1),
            new org.varl.models.vae.TrainConfig(
                c.vaeEpochs(), c.vaeBatch(), 1e-3, 1.0, Estimator.PATHWISE, 5, seed, 1, false),
            vaeDir,
            null),
        new TrainingListener() {
          @Override
          public void epochFinished(org.varl.models.vae.EpochMetrics m) {
            listener.advance(1);
          }
        });
    EngineSetup.threads(1);
    double representationSeconds = (System.nanoTime() - start) / 1e9;
    ObservationSpec spec =
        new ObservationSpec("pendulum-pixels", c.pixelOptions(), "vae:" + vaeDir, c.latent());
    try (ObservationSpec.Environments envs = spec.open()) {
      EngineSetup.threads(1);
      ObservationEncoder enc = envs.encoder();
      int l = enc.latent();
      int k = c.pixelOptions().frameStack();
      float[] z = enc.encodeFrames(probe.frames(), probe.n());
      double[][] single = new double[probe.n()][l];
      double[][] stack = new double[probe.n()][k * l];
      for (int i = 0; i < probe.n(); i++) {
        for (int j = 0; j < l; j++) {
          single[i][j] = z[i * l + j];
        }
        int[] rows = probe.stackRows(i, k);
        for (int f = 0; f < k; f++) {
          for (int j = 0; j < l; j++) {
            stack[i][f * l + j] = z[rows[f] * l + j];
          }
        }
      }
      RepresentationResult.Probe p = probe.score(single, stack);
      RepresentationResult.Images images =
          pictures && !refit ? images(enc.vae(), probe, c.pixelOptions().imageSize(), z, l) : null;
      TrainConfig t = sac(c, "pendulum-pixels", seed);
      Supplier<Env> environments = envs.factory();
      EncoderRefit hook = null;
      if (refit) {
        EncodedEnv first = (EncodedEnv) envs.factory().get();
        boolean[] given = {false};
        environments =
            () -> {
              if (!given[0]) {
                given[0] = true;
                return first;
              }
              return envs.factory().get();
            };
        hook =
            new EncoderRefit(
                first,
                c.refitEvery(),
                2,
                seed,
                org.varl.rl.train.Algorithms.schedule(t).bufferSize(),
                null);
      }
      RepresentationResult.Run run =
          train(
              refit ? "vae-z-refit" : "vae-z",
              t,
              environments,
              tmp.resolve("sac"),
              representationSeconds,
              p,
              listener,
              hook);
      return new VaeRun(run, images);
    }
  }

  /** Eight held-out frames and their reconstructions; a traversal of every latent axis. */
  private static RepresentationResult.Images images(
      Vae vae, ProbeData probe, int size, float[] z, int latent) {
    int d = size * size;
    int count = Math.min(8, probe.n());
    int steps = 9;
    double range = 3;
    float[][] frames = new float[count][];
    float[][] recon = new float[count][];
    float[][] traversal = new float[latent * steps][];
    try (NDManager m = vae.manager().newSubManager()) {
      float[] zs = new float[count * latent];
      for (int i = 0; i < count; i++) {
        int row = i * (probe.n() / count);
        frames[i] = java.util.Arrays.copyOfRange(probe.frames(), row * d, (row + 1) * d);
        System.arraycopy(z, row * latent, zs, i * latent, latent);
      }
      float[] r = decode(vae, m, zs, count, latent);
      for (int i = 0; i < count; i++) {
        recon[i] = java.util.Arrays.copyOfRange(r, i * d, (i + 1) * d);
      }
      float[] base = java.util.Arrays.copyOfRange(z, 0, latent);
      float[] walk = new float[latent * steps * latent];
      for (int j = 0; j < latent; j++) {
        for (int s = 0; s < steps; s++) {
          int row = j * steps + s;
          System.arraycopy(base, 0, walk, row * latent, latent);
          walk[row * latent + j] = (float) (-range + 2 * range * s / (steps - 1));
        }
      }
      float[] t = decode(vae, m, walk, latent * steps, latent);
      for (int row = 0; row < latent * steps; row++) {
        traversal[row] = java.util.Arrays.copyOfRange(t, row * d, (row + 1) * d);
      }
    }
    return new RepresentationResult.Images(size, frames, recon, traversal, latent, steps, range);
  }

  /** The Bernoulli means sigmoid(decoder(z)) of {@code n} latents. */
  private static float[] decode(Vae vae, NDManager m, float[] z, int n, int latent) {
    NDArray logits = vae.decode(m.create(z, new Shape(n, latent)), false);
    return ai.djl.nn.Activation.sigmoid(logits).toFloatArray();
  }

  private static RepresentationResult.Run train(
      String label,
      TrainConfig t,
      Supplier<Env> envs,
      Path out,
      double representationSeconds,
      RepresentationResult.Probe probe,
      Listener listener,
      OffPolicyTrainer.StepHook hook) {
    listener.stage("seed " + t.seed() + " " + label + ": SAC, " + t.steps() + " steps", t.steps());
    List<RepresentationResult.Point> curve = new ArrayList<>();
    long[] shown = {0};
    long start = System.nanoTime();
    OffPolicyTrainer.Result r =
        OffPolicyTrainer.run(
            t,
            envs,
            out,
            null,
            new TrainListener() {
              // (the hook, if any, refits the encoder)
              @Override
              public void progress(long step, double stepsPerSecond, double lastReturn) {
                listener.advance(step - shown[0]);
                shown[0] = step;
              }

              @Override
              public void row(MetricsRow row) {
                if (row.isEvaluation()) {
                  curve.add(
                      new RepresentationResult.Point(
                          row.step(), row.evalReturnMean(), row.evalReturnStd()));
                }
              }
            },
            hook);
    double seconds = (System.nanoTime() - start) / 1e9;
    listener.advance(t.steps() - shown[0]);
    MetricsRow last = r.lastEvaluation();
    return new RepresentationResult.Run(
        label,
        t.seed(),
        last.evalReturnMean(),
        last.evalReturnStd(),
        seconds,
        representationSeconds,
        r.steps(),
        r.updates(),
        List.copyOf(curve),
        probe);
  }

  /** Held-out random frames with their states and episodes, for the probes. */
  record ProbeData(float[] frames, double[][] actions, double[][] states, long[] episodes, int n) {

    /** The rows of the stack ending at row i, oldest first; the episode's first repeated. */
    int[] stackRows(int i, int k) {
      int[] rows = new int[k];
      for (int f = 0; f < k; f++) {
        int j = i - (k - 1 - f);
        while (j < i && (j < 0 || episodes[j] != episodes[i])) {
          j++;
        }
        rows[f] = j;
      }
      return rows;
    }

    /** R² of cos θ, sin θ from {@code single}, of θ̇ from {@code stack} (first half fits). */
    RepresentationResult.Probe score(double[][] single, double[][] stack) {
      int half = n / 2;
      double[][] y = new double[n][3];
      for (int i = 0; i < n; i++) {
        y[i][0] = Math.cos(states[i][0]);
        y[i][1] = Math.sin(states[i][0]);
        y[i][2] = states[i][1];
      }
      double cos = Double.NaN;
      double sin = Double.NaN;
      double dot = Double.NaN;
      if (single[0].length < half) {
        double[][] yy = new double[n][2];
        for (int i = 0; i < n; i++) {
          yy[i][0] = y[i][0];
          yy[i][1] = y[i][1];
        }
        LinearProbe p = LinearProbe.fit(slice(single, 0, half), slice(yy, 0, half));
        double[] r2 = p.r2(slice(single, half, n), slice(yy, half, n));
        cos = r2[0];
        sin = r2[1];
      }
      if (stack[0].length < half) {
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) {
          yd[i] = y[i][2];
        }
        LinearProbe p =
            LinearProbe.fit(slice(stack, 0, half), java.util.Arrays.copyOfRange(yd, 0, half));
        dot = p.r2(slice(stack, half, n), java.util.Arrays.copyOfRange(yd, half, n));
      }
      return new RepresentationResult.Probe(cos, sin, dot);
    }

    private static double[][] slice(double[][] a, int from, int to) {
      return java.util.Arrays.copyOfRange(a, from, to);
    }
  }

  /** Random-policy frames from a seed no run uses (the probe stream of {@code seed}). */
  static ProbeData probeData(RepresentationConfig c, long seed) {
    long probeSeed = Seeds.mix(seed, Streams.TEST_NOISE, 13);
    ReplayDirectory.Contents contents =
        Collect.run(
                new Collect.Config(
                    "pendulum-pixels", c.pixelOptions(), "random", c.probeFrames(), probeSeed),
                t -> {})
            .contents();
    float[] frames = new float[contents.frames().length];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = (float) contents.frames()[i];
    }
    return new ProbeData(
        frames, contents.actions(), contents.states(), contents.episodes(), contents.steps());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("varl-representation-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary run directory: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
