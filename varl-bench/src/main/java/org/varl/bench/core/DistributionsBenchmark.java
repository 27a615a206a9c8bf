package org.varl.bench.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Normal;
import org.varl.core.distributions.RelaxedOneHotCategorical;
import org.varl.core.engine.EngineSetup;

/**
 * Draw + score at batch shape 128 × 20, per operation, the way a training step uses them: a fresh
 * step sub-manager, the distribution built (and validated) from parameters held in the root, one
 * draw, its {@code logProb} summed and read back (so the work is finished when the call returns).
 * Categorical: 10 categories per batch member (logits {@code [128, 20, 10]}); it has no rsample, so
 * its draw is the Gumbel-max {@code sample}, and its reparameterizable relaxation is measured
 * beside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DistributionsBenchmark {

  static final int BATCH = 128;
  static final int DIM = 20;
  static final int CATEGORIES = 10;

  private NDManager root;
  private NDArray loc;
  private NDArray scale;
  private NDArray logits;

  @Setup
  public void setUp() {
    EngineSetup.threads(Integer.getInteger("varl.bench.threads", 1));
    EngineSetup.seed(1);
    root = NDManager.newBaseManager();
    loc = root.randomNormal(new Shape(BATCH, DIM));
    scale = root.randomUniform(0.5f, 1.5f, new Shape(BATCH, DIM), DataType.FLOAT32);
    logits = root.randomNormal(new Shape(BATCH, DIM, CATEGORIES));
  }

  @TearDown
  public void tearDown() {
    root.close();
  }

  @Benchmark
  public float normalRsampleLogProb() {
    try (NDManager step = root.newSubManager()) {
      step.tempAttachAll(loc, scale);
      Normal q = Normal.of(loc, scale);
      return q.logProb(q.rsample()).sum().getFloat();
    }
  }

  @Benchmark
  public float categoricalSampleLogProb() {
    try (NDManager step = root.newSubManager()) {
      step.tempAttachAll(logits);
      Categorical q = Categorical.ofLogits(logits);
      return q.logProb(q.sample()).sum().getFloat();
    }
  }

  @Benchmark
  public float relaxedCategoricalRsampleLogProb() {
    try (NDManager step = root.newSubManager()) {
      step.tempAttachAll(logits);
      RelaxedOneHotCategorical q = RelaxedOneHotCategorical.ofLogits(logits, 0.5, false);
      return q.logProb(q.rsample()).sum().getFloat();
    }
  }
}
