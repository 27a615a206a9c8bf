package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.AtomicFiles;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.toy.PointData;
import org.varl.models.toy.PointDataSets;

/**
 * Trains a DDPM (Ho et al. 2020, Algorithm 1) with fresh data every step:
 *
 * <pre>
 *   x_0 ~ data (B points),  t ~ U{1..T},  ε ~ N(0, I),  x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε
 *   simple: L = (1/B) Σ_b ‖ε_b − ε_θ(x_t,b, t_b)‖²
 *   vlb:    L = (1/B) Σ_b T λ_{t_b} ‖ε_b − ε_θ‖²  (+ the constants T d c_t and L_T, which carry no gradient)
 * </pre>
 *
 * then one Adam step. The gradient is {@link RegressionStep}'s hand-derived backward pass; the
 * data, t and ε are drawn in Java from streams seeded by (seed, step), so a resumed run continues
 * exactly and the network's input rows go to the engine in one copy. Every step runs in its own
 * sub-manager. Writes {@code config.json}, {@code metrics.csv} and {@code checkpoint.bin}
 * atomically into the run directory, every {@code checkpointEvery} steps and at the end; bad input
 * is an {@link IllegalArgumentException} before anything is written, and a non-finite loss stops
 * the run with a {@link TrainingDivergedException}, keeping the last good checkpoint.
 */
public final class DdpmTrainer {

  private DdpmTrainer() {}

  /** A fresh run of {@code config} into {@code out}. */
  public static DdpmResult train(DdpmConfig config, Path out, DiffusionListener listener) {
    return run(config, out, null, config.steps(), config.threads(), listener, null);
  }

  /**
   * Continues the run in {@code resume} up to {@code steps} total steps with {@code threads}
   * threads, writing into {@code out} (usually {@code resume} itself).
   */
  public static DdpmResult resume(
      Path resume, long steps, int threads, Path out, DiffusionListener listener) {
    return run(null, out, resume, steps, threads, listener, null);
  }

  /**
   * A fresh run ({@code resume} null) or a resumed one, with the run's arrays in a sub-manager of
   * {@code parent} (null: a new base manager), which lets a test watch the native resources.
   */
  static DdpmResult run(
      DdpmConfig fresh,
      Path out,
      Path resume,
      long steps,
      int threads,
      DiffusionListener listener,
      NDManager parent) {
    DdpmCheckpoint.Contents resumed = null;
    DdpmConfig config;
    if (resume != null) {
      resumed = DdpmCheckpoint.read(resume);
      config = resumed.config().withSteps(steps).withThreads(threads);
      if (resumed.step() >= steps) {
        throw new IllegalArgumentException(
            "steps must exceed the "
                + resumed.step()
                + " steps already in "
                + resume
                + ", found "
                + steps);
      }
      if (!same(out, resume) && Files.exists(out.resolve(DdpmCheckpoint.FILE))) {
        throw new IllegalArgumentException(
            "out " + out + " already holds another run; resume into " + resume + " itself");
      }
    } else {
      config = fresh;
      if (Files.exists(out.resolve(DdpmCheckpoint.FILE))) {
        throw new IllegalArgumentException(
            "out "
                + out
                + " already holds a run ("
                + DdpmCheckpoint.FILE
                + "); continue it with --resume "
                + out
                + " or choose another --out");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("out " + out + " exists and is not a directory");
    }
    PointData data =
        PointDataSets.parse(
            config.data(),
            config.seed(),
            config.dataDir() == null ? null : Path.of(config.dataDir()));
    if (resumed != null && data.dimension() != resumed.dimension()) {
      throw new IllegalArgumentException(
          "data "
              + config.data()
              + " has dimension "
              + data.dimension()
              + ", the model in "
              + resume
              + " expects "
              + resumed.dimension());
    }
    // One inter-op thread, set before the engine starts (EngineSetup.threads explains why); reading
    // the current count would otherwise start it with the default pool.
    if (System.getProperty(EngineSetup.NUM_INTEROP_THREADS) == null) {
      System.setProperty(EngineSetup.NUM_INTEROP_THREADS, "1");
    }
    int threadsBefore = EngineSetup.currentThreads();
    EngineSetup.threads(config.threads());
    try (NDManager root = parent == null ? NDManager.newBaseManager() : parent.newSubManager();
        TimeConditionedMlp net =
            TimeConditionedMlp.create(
                root,
                data.dimension(),
                config.hidden(),
                config.layers(),
                SinusoidalEmbedding.DEFAULT_DIM,
                config.seed());
        Adam adam = Adam.of(net.parameters(), config.learningRate())) {
      List<MetricsRow> history = new ArrayList<>();
      long first = 0;
      if (resumed != null) {
        resumed.loadParameters(net);
        adam.restore(resumed.adam(net.parameters().size()));
        first = resumed.step();
        for (MetricsRow r : resumed.history()) {
          if (r.step() <= first) {
            history.add(r);
          }
        }
      }
      Files.createDirectories(out);
      AtomicFiles.writeString(out.resolve("config.json"), DdpmCheckpoint.configJson(config));
      return loop(config, data, net, adam, root, first, history, out, listener);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      EngineSetup.threads(threadsBefore);
    }
  }

  private static DdpmResult loop(
      DdpmConfig config,
      PointData data,
      TimeConditionedMlp net,
      Adam adam,
      NDManager root,
      long first,
      List<MetricsRow> history,
      Path out,
      DiffusionListener listener) {
    int d = data.dimension();
    int b = config.batchSize();
    int bigT = config.diffusionSteps();
    Ddpm ddpm = new Ddpm(config.noiseSchedule(), config.variance());
    NoiseSchedule schedule = ddpm.schedule();
    // Per-step coefficients in float, as the peer computes x_t from float32 tables.
    float[] sab = new float[bigT];
    float[] s1ab = new float[bigT];
    float[] vlbWeight = new float[bigT];
    double[] vlbConstant = new double[bigT];
    for (int t = 1; t <= bigT; t++) {
      sab[t - 1] = (float) Math.sqrt(schedule.alphaBar(t));
      s1ab[t - 1] = (float) Math.sqrt(1 - schedule.alphaBar(t));
      vlbWeight[t - 1] = (float) (bigT * ddpm.lambda(t));
      vlbConstant[t - 1] = bigT * d * ddpm.constant(t);
    }
    boolean vlb = config.loss() == DdpmLoss.VLB;
    float[] table = net.embedding().table(bigT);
    RegressionStep regression = new RegressionStep(net);
    listener.started(first, config.steps());
    double ema = Double.NaN;
    double intervalSum = 0;
    int intervalSteps = 0;
    long lastCheckpoint = first;
    double elapsed = history.isEmpty() ? 0 : history.get(history.size() - 1).elapsedSeconds();
    long start = System.nanoTime();
    long intervalStart = start;
    float[] xt = new float[b * d];
    float[] eps = new float[b * d];
    int[] t = new int[b];
    float[] w = vlb ? new float[b] : null;
    for (long step = first; step < config.steps(); step++) {
      float[] x0 = data.sample(b, NoiseStream.generator(config.seed(), Streams.DATA, step));
      SplittableRandom noise = NoiseStream.generator(config.seed(), Streams.TRAIN_NOISE, step);
      double constants = 0;
      for (int i = 0; i < b; i++) {
        t[i] = noise.nextInt(bigT);
        if (vlb) {
          w[i] = vlbWeight[t[i]];
          constants += vlbConstant[t[i]] + ddpm.priorTerm(x0, i, d);
        }
      }
      for (int k = 0; k < b * d; k++) {
        eps[k] = (float) noise.nextGaussian();
        int i = k / d;
        xt[k] = sab[t[i]] * x0[k] + s1ab[t[i]] * eps[k];
      }
      float loss;
      try (NDManager m = root.newSubManager()) {
        NDArray input = net.toEngine(m, net.input(xt, t, table));
        NDArray target = m.create(eps, new Shape(b, d));
        RegressionStep.Result r = regression.compute(input, target, w);
        loss = r.loss().getFloat();
        if (!Float.isFinite(loss)) {
          throw diverged(step, loss, lastCheckpoint, out);
        }
        adam.step(r.gradients());
      }
      double value = vlb ? loss + constants / b : loss;
      ema = Double.isNaN(ema) ? value : 0.99 * ema + 0.01 * value;
      intervalSum += value;
      intervalSteps++;
      long done = step + 1;
      if (done % config.logEvery() == 0 || done == config.steps()) {
        long now = System.nanoTime();
        double seconds = (now - intervalStart) / 1e9;
        double rate = intervalSteps / seconds;
        history.add(
            new MetricsRow(done, intervalSum / intervalSteps, rate, elapsed + (now - start) / 1e9));
        listener.progress(done, intervalSum / intervalSteps, rate);
        intervalSum = 0;
        intervalSteps = 0;
        intervalStart = now;
      }
      if (done % config.checkpointEvery() == 0 || done == config.steps()) {
        DdpmCheckpoint.write(out.resolve(DdpmCheckpoint.FILE), config, d, done, net, adam, history);
        MetricsRow.write(out.resolve(MetricsRow.FILE), history);
        lastCheckpoint = done;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new DdpmResult(config, out, history, ema, (config.steps() - first) / seconds, seconds);
  }

  private static TrainingDivergedException diverged(
      long step, float loss, long lastCheckpoint, Path out) {
    String kept =
        lastCheckpoint > 0
            ? "the last good checkpoint (step " + lastCheckpoint + ") is kept in " + out
            : "no checkpoint was written yet";
    return new TrainingDivergedException(
        "training diverged at step "
            + step
            + ": loss is "
            + loss
            + "; "
            + kept
            + " (try a smaller --lr)",
        step);
  }

  private static boolean same(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
