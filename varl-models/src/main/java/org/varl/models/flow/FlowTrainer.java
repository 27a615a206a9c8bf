package org.varl.models.flow;

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
import org.varl.models.diffusion.RegressionStep;
import org.varl.models.diffusion.TimeConditionedMlp;
import org.varl.models.toy.PointData;
import org.varl.models.toy.PointDataSets;

/**
 * Trains a velocity network by conditional flow matching ({@link ConditionalPath}), one step:
 *
 * <pre>
 *   x_1 ~ data (B fresh points),  x_0 ~ N(0, I),  t ~ U[0, 1)        (Java, from the step's streams)
 *   (x_0, x_1) ← coupling: as drawn (I-CFM) or re-paired by mini-batch OT (OT-CFM)
 *   x_t, u_t ← the conditional path;  input rows [x_t, emb(1000 t)]   (Java, one copy to the engine)
 *   L = (1/B) Σ_b ‖v_θ(x_t, t) − u_t‖²,  gradients by {@link RegressionStep}  (hand-derived backward)
 *   θ ← Adam(θ, ∇L)
 * </pre>
 *
 * The data of step k come from stream {@code (seed, DATA, k)}, the noise, times and Sinkhorn draws
 * from {@code (seed, TRAIN_NOISE, k)}: a run is a pure function of its config, and a resumed run
 * continues bit for bit. Writes {@code config.json} at the start and {@code metrics.csv} with
 * {@code checkpoint.bin} every {@code checkpointEvery} steps and at the end, all atomically. A
 * non-finite loss throws {@link FlowDivergedException} before anything of that step is written.
 */
public final class FlowTrainer {

  private FlowTrainer() {}

  /** Progress every {@code logEvery} steps. */
  public interface Listener {
    /**
     * A metrics row; {@code managedArrays} is the run's root manager's array count (flat when every
     * step is scoped).
     */
    void progress(FlowMetrics row, int totalSteps, int managedArrays);

    /** Ignores everything. */
    static Listener none() {
      return (row, total, arrays) -> {};
    }
  }

  /** What a run did. */
  public record Result(FlowConfig config, Path out, long steps, List<FlowMetrics> history) {

    /** The last metrics row. */
    public FlowMetrics last() {
      return history.get(history.size() - 1);
    }
  }

  /**
   * Trains a new run into {@code out} ({@code resume} null), or continues the run in {@code resume}
   * up to {@code config.steps()} with the run's own settings, writing into {@code out} (which may
   * be {@code resume} itself).
   */
  public static Result run(FlowConfig config, Path out, Path resume, Listener listener) {
    FlowCheckpoint resumed = null;
    FlowConfig c = config;
    if (resume != null) {
      resumed = FlowCheckpoint.read(resume);
      if (resumed.step() >= config.steps()) {
        throw new IllegalArgumentException(
            "--steps "
                + config.steps()
                + " is not beyond the "
                + resumed.step()
                + " steps already done in "
                + resume);
      }
      c = resumed.config().withSteps(config.steps()).withThreads(config.threads());
    } else if (Files.exists(out.resolve(FlowCheckpoint.FILE))) {
      throw new IllegalArgumentException(
          out + " already holds a run (" + FlowCheckpoint.FILE + "); continue it with --resume");
    }
    PointData data = PointDataSets.parse(c.data(), c.seed(), null);
    if (c.data().startsWith("csv:")) {
      c = c.withData("csv:" + Path.of(c.data().substring(4)).toAbsolutePath().normalize());
    }
    EngineSetup.threads(c.threads());
    return train(c, data, resumed, out, listener);
  }

  private static Result train(
      FlowConfig c, PointData data, FlowCheckpoint resumed, Path out, Listener listener) {
    int d = data.dimension();
    int b = c.batchSize();
    List<FlowMetrics> history = new ArrayList<>();
    try (NDManager root = NDManager.newBaseManager()) {
      TimeConditionedMlp net;
      long start = 0;
      double ema = Double.NaN;
      if (resumed != null) {
        if (resumed.dimension() != d) {
          throw new IllegalArgumentException(
              "the data has dimension " + d + ", the checkpoint's network " + resumed.dimension());
        }
        net = resumed.network(root, d);
        start = resumed.step();
        history.addAll(resumed.history());
        ema = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).lossEma();
      } else {
        net = TimeConditionedMlp.create(root, d, c.hidden(), c.layers(), 64, c.seed());
      }
      try (Adam adam = Adam.of(net.parameters(), c.learningRate())) {
        if (resumed != null) {
          resumed.loadOptimizer(adam);
        }
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("config.json"), c.toJson());
        RegressionStep regression = new RegressionStep(net);
        float[] x0 = new float[b * d];
        double[] t = new double[b];
        double[] tScaled = new double[b];
        float[] xt = new float[b * d];
        float[] target = new float[b * d];
        double lossSum = 0;
        int lossCount = 0;
        long windowStart = System.nanoTime();
        for (long step = start; step < c.steps(); step++) {
          SplittableRandom dataRandom = NoiseStream.generator(c.seed(), Streams.DATA, step);
          SplittableRandom noise = NoiseStream.generator(c.seed(), Streams.TRAIN_NOISE, step);
          float[] x1 = data.sample(b, dataRandom);
          for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) noise.nextGaussian();
          }
          for (int i = 0; i < b; i++) {
            t[i] = (float) noise.nextDouble();
            tScaled[i] = (float) (t[i] * NetworkVelocity.TIME_SCALE);
          }
          float[] noiseRows = x0;
          float[] dataRows = x1;
          if (c.coupling() == Coupling.OT) {
            MinibatchCoupling.Pairs p =
                c.otSolver() == Coupling.OtSolver.EXACT
                    ? MinibatchCoupling.exact(x0, x1, d)
                    : MinibatchCoupling.sinkhorn(x0, x1, d, c.sinkhornEpsilon(), noise);
            noiseRows = MinibatchCoupling.gather(x0, p.noise(), d);
            dataRows = MinibatchCoupling.gather(x1, p.data(), d);
          }
          ConditionalPath.build(noiseRows, dataRows, t, c.sigmaMin(), d, xt, target);
          float loss;
          try (NDManager s = root.newSubManager()) {
            NDArray input = net.toEngine(s, net.input(xt, tScaled));
            NDArray y = s.create(target, new Shape(b, d));
            RegressionStep.Result r = regression.compute(input, y, null);
            loss = r.loss().getFloat();
            if (!Float.isFinite(loss)) {
              throw new FlowDivergedException(
                  "the loss is "
                      + loss
                      + " at step "
                      + step
                      + "; the last checkpoint in "
                      + out
                      + " is kept (try a smaller --lr)",
                  step);
            }
            adam.step(r.gradients());
          }
          ema = Double.isNaN(ema) ? loss : 0.99 * ema + 0.01 * loss;
          lossSum += loss;
          lossCount++;
          long done = step + 1;
          if (done % c.logEvery() == 0 || done == c.steps()) {
            long now = System.nanoTime();
            FlowMetrics row =
                new FlowMetrics(
                    done, lossSum / lossCount, ema, lossCount / ((now - windowStart) / 1e9));
            history.add(row);
            lossSum = 0;
            lossCount = 0;
            listener.progress(row, c.steps(), root.getManagedArrays().size());
            windowStart = System.nanoTime();
          }
          if (done % c.checkpointEvery() == 0 || done == c.steps()) {
            FlowMetrics.write(out.resolve(FlowMetrics.FILE), history);
            FlowCheckpoint.capture(c, done, net, adam, history)
                .write(out.resolve(FlowCheckpoint.FILE));
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
      } finally {
        net.close();
      }
    }
    return new Result(c, out, c.steps(), history);
  }
}
