package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Optional;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.DataSources;
import org.varl.core.data.TrainTestSplit;
import org.varl.core.engine.EngineSetup;

/**
 * A trained model read back from its run directory, with the run's data (loaded on first use, with
 * the run's seed, so the test set is the one the run was scored on). The engine runs with the run's
 * thread count while it is open. Close it to free the engine memory.
 */
public final class TrainedVae implements AutoCloseable {

  private final Path dir;
  private final VaeCheckpoint checkpoint;
  private final NDManager manager;
  private final Vae vae;
  private final int threadsBefore;
  private TrainTestSplit data;

  private TrainedVae(
      Path dir, VaeCheckpoint checkpoint, NDManager manager, Vae vae, int threadsBefore) {
    this.threadsBefore = threadsBefore;
    this.dir = dir;
    this.checkpoint = checkpoint;
    this.manager = manager;
    this.vae = vae;
  }

  /**
   * Reads {@code dir/checkpoint.bin} and rebuilds the model; one-line {@link
   * IllegalArgumentException} if bad.
   */
  public static TrainedVae load(Path dir) {
    VaeCheckpoint c = VaeCheckpoint.read(dir.resolve(VaeCheckpoint.FILE));
    int before = EngineSetup.currentThreads();
    EngineSetup.threads(c.config().train().threads());
    NDManager m = NDManager.newBaseManager();
    try {
      return new TrainedVae(dir, c, m, c.toModel(m), before);
    } catch (RuntimeException e) {
      m.close();
      EngineSetup.threads(before);
      throw e;
    }
  }

  /** The run directory. */
  public Path dir() {
    return dir;
  }

  /** The run's configuration. */
  public RunConfig config() {
    return checkpoint.config();
  }

  /**
   * One line saying that the data files differ from those the run was trained on ({@link
   * DataChecksum}), or empty; for the caller to show.
   */
  public Optional<String> dataChange() {
    return DataChecksum.change(config());
  }

  /** Finished epochs. */
  public int epochs() {
    return checkpoint.epoch();
  }

  /** The model. */
  public Vae vae() {
    return vae;
  }

  /** The manager owning the model; callers create per-use sub-managers from it. */
  public NDManager manager() {
    return manager;
  }

  /** The run's train/test data, loaded once. */
  public TrainTestSplit data() {
    if (data == null) {
      data = DataSources.load(config().data(), config().dataOptions());
      data.test().requireDimension(vae.config().inputDim(), "the model's input");
    }
    return data;
  }

  /** Rows {@code [from, to)} of {@code set} as a {@code [rows, D]} array in {@code m}. */
  static NDArray rows(NDManager m, ArrayDataset set, int from, int to) {
    int d = set.dimension();
    float[] f = java.util.Arrays.copyOfRange(set.features(), from * d, to * d);
    return m.create(f, new Shape(to - from, d));
  }

  /**
   * Frees the model and restores the engine's thread count (process-wide) to what it was before
   * loading.
   */
  @Override
  public void close() {
    manager.close();
    EngineSetup.threads(threadsBefore);
  }
}
