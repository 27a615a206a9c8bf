package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.Binarizer;
import org.varl.core.data.DataSources;
import org.varl.core.data.MiniBatches;
import org.varl.core.data.TrainTestSplit;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.MemoryBudget;
import org.varl.core.engine.Scalars;
import org.varl.core.io.AtomicFiles;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Trains a VAE: loads the data, builds or restores the model, runs the epochs, and after each epoch
 * scores the test set and writes {@code metrics.csv} and {@code checkpoint.bin} atomically into the
 * run directory.
 *
 * <p>Each step runs in its own sub-manager, so native memory stays flat (STYLE.md: results attach
 * to the manager of their first operand; a leak into the root manager costs 10x per op and grows
 * without bound). Losses stay on the engine and are read back every {@value #READ_EVERY} steps in
 * one call, where NaN/inf is detected with the exact step. Exact resume: batch order, noise and
 * binarization are pure functions of (seed, epoch, step), and the checkpoint holds parameters,
 * Adam's moments and step count, so epochs 1..n then n+1..N equal epochs 1..N bit for bit when both
 * parts use the same thread count (the batch shards, hence the float summation order, follow it).
 *
 * <p>Threads: the analytic path (MLP, Bernoulli, pathwise) splits each batch over {@code threads}
 * Java threads with one engine thread each ({@link DataParallelStep}); the autograd path gives the
 * engine {@code threads} intra-op threads.
 */
public final class VaeTrainer {

  /** Steps between reads of the loss from the engine (one native-to-Java copy per read). */
  static final int READ_EVERY = 25;

  /** Test examples scored per forward pass. */
  static final int EVAL_BATCH = 1000;

  private VaeTrainer() {}

  /**
   * Runs the request; see the class javadoc. Bad input is an {@link IllegalArgumentException}
   * before any write.
   */
  public static TrainResult run(TrainRequest request, TrainingListener listener) {
    return run(request, listener, null);
  }

  /**
   * As {@link #run(TrainRequest, TrainingListener)}, with every engine array of the run in a
   * sub-manager of {@code parent} (null: a fresh base manager), which lets a test watch the run's
   * native resources.
   */
  public static TrainResult run(TrainRequest request, TrainingListener listener, NDManager parent) {
    Path out = request.out();
    VaeCheckpoint resumed = null;
    List<EpochMetrics> history = new ArrayList<>();
    RunConfig config;
    TrainTestSplit split;
    if (request.resume() != null) {
      resumed = VaeCheckpoint.read(request.resume().resolve(VaeCheckpoint.FILE));
      if (request.data() != null
          && !request.data().isBlank()
          && !request.data().strip().equals(resumed.config().data())) {
        throw new IllegalArgumentException(
            "data "
                + request.data()
                + " differs from the data of the run in "
                + request.resume()
                + ", "
                + resumed.config().data()
                + " (omit --data when resuming)");
      }
      if (!sameDirectory(out, request.resume()) && Files.exists(out.resolve(VaeCheckpoint.FILE))) {
        throw new IllegalArgumentException(
            "out "
                + out
                + " already holds another run ("
                + VaeCheckpoint.FILE
                + "); resume into "
                + request.resume()
                + " itself or choose an empty --out");
      }
      TrainConfig t =
          resumed
              .config()
              .train()
              .withEpochs(request.train().epochs())
              .withThreads(request.train().threads());
      config = resumed.config().withTrain(t);
      if (resumed.epoch() >= t.epochs()) {
        throw new IllegalArgumentException(
            "epochs must exceed the "
                + resumed.epoch()
                + " epochs already in "
                + request.resume()
                + ", found "
                + t.epochs());
      }
      // The history lives in the checkpoint: a deleted or edited metrics.csv does not change the
      // resumed run.
      for (EpochMetrics m : resumed.history()) {
        if (m.epoch() <= resumed.epoch()) {
          history.add(m);
        }
      }
      split = DataSources.load(config.data(), config.dataOptions());
      split.train().requireDimension(config.model().inputDim(), "the checkpoint's model input");
    } else {
      if (Files.exists(out.resolve(VaeCheckpoint.FILE))) {
        throw new IllegalArgumentException(
            "out "
                + out
                + " already holds a run ("
                + VaeCheckpoint.FILE
                + "); continue it with --resume "
                + out
                + " or choose another --out");
      }
      TrainConfig t = request.train();
      split = DataSources.load(request.data(), request.dataOptions().withSeed(t.seed()));
      ArrayDataset train = split.train();
      VaeConfig model = request.model().resolve(train.imageShape(), train.dimension());
      var o = request.dataOptions();
      // Paths are stored absolute, so eval, sample and resume find the data from any working
      // directory.
      String spec = absoluteSpec(request.data());
      String dataDir =
          o.dataDir() == null ? null : o.dataDir().toAbsolutePath().normalize().toString();
      config =
          new RunConfig(
              spec,
              dataDir,
              o.shapesCount(),
              o.testFraction(),
              o.csvScaling(),
              o.csvHasLabel(),
              o.csvLabelColumn(),
              o.csvHeader(),
              model,
              t,
              DataChecksum.of(spec, dataDir));
    }
    if (config.train().binarize()) {
      requireUnitInterval(split.train(), "binarize");
    } else if (config.model().likelihood() == Likelihood.BERNOULLI) {
      requireUnitInterval(split.train(), "likelihood bernoulli");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("out " + out + " exists and is not a directory");
    }
    checkMemory(config, Math.min(config.train().batchSize(), split.train().size()));
    return train(config, split, resumed, history, out, listener, parent);
  }

  /**
   * Refuses an IWAE step that cannot fit before the first one (issue 9): K x B rows go through the
   * decoder at once, each holding its output, likelihood terms and their gradients (4 D floats),
   * the hidden activations with gradients (4 hidden) and the latent draws and densities (6 latent).
   */
  static void checkMemory(RunConfig config, int batch) {
    if (config.train().estimator() != Estimator.IWAE) {
      return;
    }
    VaeConfig m = config.model();
    double rows = (double) config.train().iwaeK() * batch;
    MemoryBudget.check(
        "iwaeK",
        config.train().iwaeK(),
        MemoryBudget.floats(rows * (4.0 * m.inputDim() + 4.0 * m.hidden() + 6.0 * m.latent())),
        "one IWAE step on a batch of " + batch + " (K x batch decoder rows)");
  }

  /** {@code csv:PATH} with PATH made absolute; other specs as given. */
  private static String absoluteSpec(String data) {
    String spec = data.strip();
    if (spec.startsWith("csv:")) {
      return "csv:" + Path.of(spec.substring(4)).toAbsolutePath().normalize();
    }
    if (spec.startsWith("replay:")) {
      return "replay:" + Path.of(spec.substring(7).strip()).toAbsolutePath().normalize();
    }
    return spec;
  }

  /**
   * The run's first files, written once the model exists: a model that cannot be built leaves
   * nothing behind.
   */
  private static void writeStart(
      RunConfig config, List<EpochMetrics> history, Path out, boolean resumed) {
    AtomicFiles.writeString(out.resolve("config.json"), VaeCheckpoint.configJson(config));
    if (resumed && !history.isEmpty()) {
      MetricsCsv.write(out.resolve(MetricsCsv.FILE), history);
    }
  }

  private static boolean sameDirectory(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static void requireUnitInterval(ArrayDataset data, String what) {
    float[] f = data.features();
    for (int i = 0; i < f.length; i++) {
      if (!(f[i] >= 0f && f[i] <= 1f)) {
        throw new IllegalArgumentException(
            what
                + " needs data in [0, 1], found "
                + f[i]
                + " at row "
                + i / data.dimension()
                + ", column "
                + i % data.dimension()
                + " of "
                + data.name()
                + (what.startsWith("likelihood")
                    ? " (use --likelihood gaussian for standardized data)"
                    : ""));
      }
    }
  }

  private static TrainResult train(
      RunConfig config,
      TrainTestSplit split,
      VaeCheckpoint resumed,
      List<EpochMetrics> history,
      Path out,
      TrainingListener listener,
      NDManager parent) {
    TrainConfig t = config.train();
    VaeConfig mc = config.model();
    boolean analytic = mc.hasAnalyticBackward() && t.estimator() == Estimator.PATHWISE;
    ArrayDataset trainData = split.train();
    ArrayDataset testData = split.test();
    int n = trainData.size();
    int d = trainData.dimension();
    // The analytic path parallelizes over batch shards in Java threads, each with one engine thread
    // (see
    // DataParallelStep for the measurement); the autograd path uses the engine's own intra-op
    // threads.
    int threadsBefore = EngineSetup.currentThreads();
    EngineSetup.threads(analytic ? 1 : t.threads());
    try (NDManager root = parent == null ? NDManager.newBaseManager() : parent.newSubManager();
        Vae vae = resumed != null ? resumed.toModel(root) : Vae.create(mc, t.seed(), root);
        DataParallelStep fast =
            analytic
                ? new DataParallelStep(
                    new MlpBernoulliStep(vae, t.beta()), Math.min(t.threads(), t.batchSize()))
                : null;
        Adam adam =
            Adam.builder(vae.parameterArrays())
                .setLearningRate(t.learningRate())
                .optThreads(analytic ? t.threads() : 1)
                .build()) {
      if (resumed != null) {
        resumed.loadOptimizer(adam);
      }
      writeStart(config, history, out, resumed != null);
      List<NDArray> params = vae.parameterArrays();
      NDArray trainX = root.create(trainData.features(), new Shape(n, d));
      NDArray testX = root.create(testData.features(), new Shape(testData.size(), d));
      AutogradStep general = analytic ? null : new AutogradStep(vae, t);
      Binarizer binarizer = t.binarize() ? new Binarizer(t.seed()) : null;
      int firstEpoch = resumed == null ? 1 : resumed.epoch() + 1;
      int lastGood = firstEpoch - 1;
      for (int epoch = firstEpoch; epoch <= t.epochs(); epoch++) {
        MiniBatches batches = new MiniBatches(n, t.batchSize(), t.seed(), epoch);
        int steps = batches.numBatches();
        listener.epochStarted(epoch, steps, n);
        double[] sums = new double[3];
        long start = System.nanoTime();
        try (NDManager epochManager = root.newSubManager()) {
          // The epoch's rows in batch order, gathered in one native call: each step then takes a
          // contiguous
          // slice (a view, no copy), instead of one gather per step (0.45 ms each, measured).
          NDArray shuffled =
              binarizer == null ? gather(trainX, batches.order(), epochManager) : null;
          List<NDArray> pending = new ArrayList<>();
          int read = 0;
          for (int s = 0; s < steps; s++) {
            int[] idx = batches.batch(s);
            try (NDManager step = root.newSubManager()) {
              int from = s * t.batchSize();
              NDArray x =
                  binarizer == null
                      ? shuffled.get(step, new NDIndex("{}:{}", from, from + idx.length))
                      : step.create(
                          binarized(binarizer, trainData, idx, epoch, s), new Shape(idx.length, d));
              NDArray stats;
              try {
                if (analytic) {
                  DataParallelStep.ShardedResult r =
                      fast.compute(
                          x,
                          NoiseStream.normal(
                              step,
                              new Shape(idx.length, mc.latent()),
                              t.seed(),
                              Streams.TRAIN_NOISE,
                              epoch,
                              s));
                  adam.stepSharded(r.gradientShards());
                  stats = r.stats();
                } else {
                  StepResult r = general.compute(x, epoch, s);
                  adam.step(r.gradients());
                  stats = r.stats();
                }
              } catch (IllegalArgumentException e) {
                // Divergence is a non-finite loss. The core's distributions refuse a non-finite
                // encoder or decoder
                // output before any loss exists, so a refusal is divergence only when the model's
                // outputs on this
                // batch are indeed non-finite; any other IllegalArgumentException keeps its own
                // message.
                NDArray eps =
                    NoiseStream.normal(
                        step,
                        new Shape(idx.length, mc.latent()),
                        t.seed(),
                        Streams.TRAIN_NOISE,
                        epoch,
                        s);
                if (modelOutputsAreFinite(vae, x, eps)) {
                  throw e;
                }
                throw diverged(
                    "the model produced non-finite values (" + e.getMessage() + ")",
                    epoch,
                    s,
                    lastGood,
                    out);
              }
              stats.attach(epochManager);
              pending.add(stats);
            }
            if (pending.size() == READ_EVERY || s == steps - 1) {
              read = drain(pending, read, sums, epoch, lastGood, out);
              double seconds = (System.nanoTime() - start) / 1e9;
              int examples = Math.min(n, (s + 1) * t.batchSize());
              listener.progress(epoch, s + 1, sums[0] / examples, examples / seconds);
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double testLoss = testLoss(vae, testX, t.seed(), epoch);
        if (!Double.isFinite(testLoss)) {
          throw diverged("test loss is " + testLoss, epoch, -1, lastGood, out);
        }
        EpochMetrics m =
            new EpochMetrics(
                epoch, sums[0] / n, testLoss, sums[2] / n, sums[1] / n, seconds, n / seconds);
        history.add(m);
        VaeCheckpoint.capture(config, epoch, vae, adam, history)
            .write(out.resolve(VaeCheckpoint.FILE));
        MetricsCsv.write(out.resolve(MetricsCsv.FILE), history);
        lastGood = epoch;
        listener.epochFinished(m);
      }
      return new TrainResult(config, List.copyOf(history), out, analytic ? "analytic" : "autograd");
    } finally {
      // The engine's thread count is process-wide: leave it as the caller had it.
      EngineSetup.threads(threadsBefore);
    }
  }

  /**
   * Rows {@code idx} of {@code data}, each value replaced by a Bernoulli draw seeded by (seed,
   * epoch, step).
   */
  private static float[] binarized(
      Binarizer binarizer, ArrayDataset data, int[] idx, int epoch, int step) {
    float[] rows = data.gather(idx, new float[idx.length * data.dimension()]);
    return binarizer.binarizeInto(rows, rows, epoch, step);
  }

  /** Rows {@code idx} of {@code data} in one native indexing call, attached to {@code step}. */
  static NDArray gather(NDArray data, int[] idx, NDManager step) {
    long[] rows = new long[idx.length];
    for (int i = 0; i < idx.length; i++) {
      rows[i] = idx[i];
    }
    return data.get(step, new NDIndex("{}", step.create(rows)));
  }

  /**
   * Reads pending per-step stats in one copy, checks them, adds them to {@code sums}; returns steps
   * read.
   */
  private static int drain(
      List<NDArray> pending, int read, double[] sums, int epoch, int lastGood, Path out) {
    if (pending.isEmpty()) {
      return read;
    }
    float[] values;
    try (NDArray all = NDArrays.stack(new NDList(pending))) {
      values = all.toFloatArray();
    }
    for (int i = 0; i < pending.size(); i++) {
      float objective = values[3 * i];
      if (!Float.isFinite(objective)) {
        throw diverged("loss is " + objective, epoch, read + i, lastGood, out);
      }
      sums[0] += objective;
      sums[1] += values[3 * i + 1];
      sums[2] += values[3 * i + 2];
    }
    for (NDArray p : pending) {
      p.close();
    }
    int total = read + pending.size();
    pending.clear();
    return total;
  }

  private static TrainingDivergedException diverged(
      String what, int epoch, int step, int lastGood, Path out) {
    String where =
        step >= 0 ? "epoch " + epoch + ", step " + step : "epoch " + epoch + " (test evaluation)";
    String kept =
        lastGood > 0
            ? "the last good checkpoint (epoch " + lastGood + ") is kept in " + out
            : "no epoch finished, so no checkpoint was written";
    return new TrainingDivergedException(
        "training diverged at " + where + ": " + what + "; " + kept + " (try a smaller --lr)",
        epoch,
        step);
  }

  /**
   * Whether the model's outputs on {@code x} are all finite: the encoder's mean and log-variance,
   * and the decoder's output at {@code z = mu + sigma eps} (sigma by the core's clipped rule).
   * Arrays attach to x's manager.
   */
  static boolean modelOutputsAreFinite(Vae vae, NDArray x, NDArray eps) {
    NDList enc = vae.encode(x, false);
    NDArray sigma = Scalars.mul(Normal.clipLogVariance(enc.get(1)), 0.5f).exp();
    NDArray decoded = vae.decode(sigma.mul(eps).add(enc.get(0)), false);
    for (NDArray a : new NDArray[] {enc.get(0), enc.get(1), decoded}) {
      if (a.isNaN().logicalOr(a.isInfinite()).any().getBoolean()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Negative ELBO per example on {@code testX}, one z per example, noise fixed by (seed, epoch).
   */
  static double testLoss(Vae vae, NDArray testX, long seed, int epoch) {
    long n = testX.getShape().get(0);
    double total = 0;
    for (long from = 0, b = 0; from < n; from += EVAL_BATCH, b++) {
      long to = Math.min(n, from + EVAL_BATCH);
      try (NDManager step = testX.getManager().newSubManager()) {
        NDArray x = testX.get(step, new NDIndex("{}:{}", from, to));
        NDArray eps =
            NoiseStream.normal(
                step,
                new Shape(to - from, vae.config().latent()),
                seed,
                Streams.TEST_NOISE,
                epoch,
                b);
        float[] sums = VaeLosses.negativeElboSums(vae, x, eps).toFloatArray();
        total += sums[0] + sums[1];
      }
    }
    return total / n;
  }
}
