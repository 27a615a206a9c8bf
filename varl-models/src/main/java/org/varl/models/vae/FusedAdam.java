package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Adam (Kingma and Ba, ICLR 2015) with PyTorch's update rule, fused into a single pass over each parameter:
 *
 * <pre>
 *   m_t = beta1 m_{t-1} + (1 - beta1) g        v_t = beta2 v_{t-1} + (1 - beta2) g^2
 *   theta_t = theta_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>Why in Java: the engine's Adam is about ten elementwise passes (clone, scale, add, square, sqrt, divide, ...)
 * over the 650k parameters of the benchmark model, measured at 6 ms per step, 40% of a step. Here the gradient and
 * the parameter are read and written in place through direct views of the engine's tensor memory
 * ({@code toByteBuffer(true)}, no copy), copied in bulk to Java arrays (a memcpy each), updated in one loop that the
 * JIT vectorizes, and the parameter is copied back in bulk: 0.5 ms per step for the benchmark model on one thread
 * (1.7 ms with element-wise buffer access, which the JIT does not vectorize). Gradient shards from
 * {@link DataParallelStep} are summed in the same pass, and large parameters are split over the run's threads
 * (with the engine on one intra-op thread; next to spinning OpenMP workers a second Java thread was slower).
 * The moments and the step count are part of the checkpoint.
 */
public final class FusedAdam implements AutoCloseable {

  /** Defaults of torch.optim.Adam. */
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  public static final float EPSILON = 1e-8f;

  private final double learningRate;
  private final float[][] means;
  private final float[][] variances;
  private final float[][] gradientScratch;
  private final float[][] parameterScratch;
  private final ExecutorService pool;
  private final int threads;
  private long step;

  /** Parameters smaller than this are updated on the calling thread only. */
  private static final int PARALLEL_MIN = 1 << 15;

  /** One thread. */
  public FusedAdam(List<NDArray> parameters, double learningRate) {
    this(parameters, learningRate, 1);
  }

  /** Zero moments shaped like {@code parameters}; large parameters are split over {@code threads} threads. */
  public FusedAdam(List<NDArray> parameters, double learningRate, int threads) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    this.learningRate = learningRate;
    this.means = new float[parameters.size()][];
    this.variances = new float[parameters.size()][];
    for (int i = 0; i < parameters.size(); i++) {
      NDArray p = parameters.get(i);
      if (p.getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException("parameter " + i + " must be float32, found " + p.getDataType());
      }
      means[i] = new float[Math.toIntExact(p.size())];
      variances[i] = new float[means[i].length];
    }
    this.gradientScratch = new float[means.length][];
    this.parameterScratch = new float[means.length][];
    for (int i = 0; i < means.length; i++) {
      gradientScratch[i] = new float[means[i].length];
      parameterScratch[i] = new float[means[i].length];
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "varl-adam");
      t.setDaemon(true);
      return t;
    });
  }

  /** Applies one update in place: {@code parameters.get(i) -= step(gradients.get(i))}. */
  public void update(List<NDArray> parameters, List<NDArray> gradients) {
    updateSharded(parameters, List.of(gradients));
  }

  /**
   * One update with the gradient given as a sum of shards ({@code sum_s shards.get(s).get(i)} for parameter i),
   * summed here in the same pass that copies them out of the engine.
   */
  public void updateSharded(List<NDArray> parameters, List<List<NDArray>> shards) {
    step++;
    double bc1 = 1 - Math.pow(BETA1, step);
    double sqrtBc2 = Math.sqrt(1 - Math.pow(BETA2, step));
    // lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps) = a * m / (sqrt(v) + e) with the two constants below.
    float a = (float) (learningRate * sqrtBc2 / bc1);
    float e = (float) (EPSILON * sqrtBc2);
    List<Future<?>> pending = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      FloatBuffer w = TensorViews.floatView(parameters.get(i));
      int n = means[i].length;
      List<FloatBuffer> g = new ArrayList<>(shards.size());
      for (List<NDArray> shard : shards) {
        FloatBuffer gs = TensorViews.floatView(shard.get(i));
        if (gs.remaining() != n || w.remaining() != n) {
          throw new IllegalArgumentException("gradient " + i + " has " + gs.remaining() + " values, parameter has "
              + n);
        }
        g.add(gs);
      }
      int parts = pool == null || n < PARALLEL_MIN ? 1 : threads;
      int chunk = (n + parts - 1) / parts;
      for (int p = 1; p < parts; p++) {
        int from = p * chunk;
        int to = Math.min(n, from + chunk);
        final int index = i;
        pending.add(pool.submit(() -> apply(index, w, g, from, to, a, e)));
      }
      apply(i, w, g, 0, Math.min(n, chunk), a, e);
    }
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during the Adam update", ex);
      } catch (ExecutionException ex) {
        throw new IllegalStateException("Adam update failed: " + ex.getCause(), ex.getCause());
      }
    }
  }

  /** Updates elements {@code [from, to)} of parameter i: sum the shards, then the Adam rule, in bulk copies. */
  private void apply(int i, FloatBuffer w, List<FloatBuffer> shards, int from, int to, float a, float e) {
    int len = to - from;
    float[] g = gradientScratch[i];
    float[] tmp = parameterScratch[i];
    shards.get(0).get(from, g, from, len);
    for (int s = 1; s < shards.size(); s++) {
      shards.get(s).get(from, tmp, from, len);
      for (int j = from; j < to; j++) {
        g[j] += tmp[j];
      }
    }
    w.get(from, tmp, from, len);
    float[] m = means[i];
    float[] v = variances[i];
    final float b1 = BETA1;
    final float b2 = BETA2;
    final float c1 = 1 - BETA1;
    final float c2 = 1 - BETA2;
    for (int j = from; j < to; j++) {
      float gj = g[j];
      float mj = b1 * m[j] + c1 * gj;
      float vj = b2 * v[j] + c2 * gj * gj;
      m[j] = mj;
      v[j] = vj;
      tmp[j] -= a * mj / ((float) Math.sqrt(vj) + e);
    }
    w.put(from, tmp, from, len);
  }


  /** Number of updates applied so far, t. */
  public long step() {
    return step;
  }

  /** First moments, in parameter order (live arrays: checkpoints read them, restores write them). */
  public float[][] means() {
    return means;
  }

  /** Second moments, in parameter order (live arrays). */
  public float[][] variances() {
    return variances;
  }

  /** Restores {@code t} from a checkpoint; the moments are restored by writing into {@link #means()}. */
  public void restoreStep(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("adam step must be >= 0, found " + t);
    }
    this.step = t;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
