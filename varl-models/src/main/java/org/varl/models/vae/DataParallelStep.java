package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.varl.core.optim.Adam;

/**
 * Runs {@link MlpBernoulliStep} on {@code shards} contiguous slices of the batch in parallel Java
 * threads, each calling the engine with one intra-op thread, and returns the per-shard gradients
 * for {@link Adam} to sum (the batch objective is a sum over examples, so its gradient is the sum
 * of the shards' gradients).
 *
 * <p>Why not PyTorch's own two OpenMP threads: with them every op of the step ends in a barrier
 * where both workers must be running; on a 2-core machine shared with other processes one of them
 * is often descheduled and the step stalls (measured here under load 5: 16 to 52 s per epoch with 2
 * OpenMP threads, 3.8 to 5.1 s with one). Data parallel threads meet once per step, and each also
 * pays its own half of the per-op JNI overhead. The split is fixed by the batch size and shard
 * count, so results are deterministic and resume stays exact.
 */
final class DataParallelStep implements AutoCloseable {

  private final MlpBernoulliStep step;
  private final int shards;
  private final ExecutorService pool;

  DataParallelStep(MlpBernoulliStep step, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, found " + shards);
    }
    this.step = step;
    this.shards = shards;
    this.pool =
        shards == 1
            ? null
            : Executors.newFixedThreadPool(
                shards - 1,
                r -> {
                  Thread t = new Thread(r, "varl-vae-shard");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** Statistics summed over shards and one gradient list per shard. */
  ShardedResult compute(NDArray x, NDArray eps) {
    long rows = x.getShape().get(0);
    int n = (int) Math.min(shards, rows);
    if (n == 1) {
      StepResult r = step.compute(x, eps);
      return new ShardedResult(r.stats(), List.of(r.gradients()));
    }
    long per = (rows + n - 1) / n;
    List<Future<StepResult>> futures = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      long from = i * per;
      long to = Math.min(rows, from + per);
      futures.add(pool.submit(() -> step.compute(slice(x, from, to), slice(eps, from, to))));
    }
    List<StepResult> results = new ArrayList<>();
    results.add(step.compute(slice(x, 0, per), slice(eps, 0, per)));
    for (Future<StepResult> f : futures) {
      try {
        results.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during a training step", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("training step failed: " + e.getCause(), e.getCause());
      }
    }
    NDList stats = new NDList();
    List<List<NDArray>> grads = new ArrayList<>();
    for (StepResult r : results) {
      stats.add(r.stats());
      grads.add(r.gradients());
    }
    return new ShardedResult(NDArrays.stack(stats).sum(new int[] {0}), grads);
  }

  private static NDArray slice(NDArray a, long from, long to) {
    return a.get(new NDIndex("{}:{}", from, to));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /**
   * @param stats {@code [objective_sum, recon_sum, kl_sum]} over the whole batch
   * @param gradientShards per shard, one gradient per parameter
   */
  record ShardedResult(NDArray stats, List<List<NDArray>> gradientShards) {}
}
