package org.varl.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.KlTerm;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Normal;
import org.varl.core.distributions.RelaxedOneHotCategorical;

/**
 * Gradients must not depend on when the garbage collector runs. A collection between the forward
 * and the backward pass, followed by fresh direct buffers holding 7, reproduces the failure of
 * DJL's {@code x.mul(Number)} in autograd (see {@link Scalars}): with it, these gradients came out
 * as 7 instead of 0.5 in almost every try.
 */
class ScalarsTest {

  /**
   * Frees every unreachable direct buffer and refills small freed blocks with 7s; keep the result
   * until backward.
   */
  private static List<ByteBuffer> collectAndReuseFreedMemory() {
    System.gc();
    try {
      Thread.sleep(20); // the cleaner thread frees the buffers' memory after the collection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ByteBuffer> reuse = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
      b.putFloat(0, 7f).putFloat(4, 7f);
      reuse.add(b);
    }
    return reuse;
  }

  /**
   * The gradient of {@code loss(a)} with respect to {@code a}, with or without a collection before
   * backward.
   */
  private static float[] gradient(
      float[] values, Function<NDArray, NDArray> loss, boolean collect) {
    EngineSetup.seed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(values);
      a.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.apply(a);
        List<ByteBuffer> reused = collect ? collectAndReuseFreedMemory() : List.of();
        gc.backward(l);
        assertThat(reused).hasSize(collect ? 2000 : 0);
      }
      return a.getGradient().toFloatArray();
    }
  }

  private static void assertGcDoesNotChangeTheGradient(
      String what, float[] values, Function<NDArray, NDArray> loss) {
    float[] quiet = gradient(values, loss, false);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(gradient(values, loss, true)).as(what).containsExactly(quiet);
    }
  }

  @Test
  void scalarOpsHaveTheirGradientsAfterAGarbageCollection() {
    float[] a = {1f, -2f, 3f};
    assertThat(gradient(a, x -> Scalars.mul(x, 0.5f).sum(), true))
        .containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(gradient(a, x -> Scalars.div(x, 4f).sum(), true))
        .containsExactly(0.25f, 0.25f, 0.25f);
    assertThat(gradient(a, x -> Scalars.maximum(x, 0f).sum(), true)).containsExactly(1f, 0f, 1f);
  }

  @Test
  void scalarOpsLeaveNothingInTheManager() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1f, 2f});
      int before = m.getManagedArrays().size();
      NDArray y = Scalars.mul(a, 3f);
      assertThat(y.toFloatArray()).containsExactly(3f, 6f);
      assertThat(m.getManagedArrays()).hasSize(before + 1); // the result only
    }
  }

  @Test
  void normalElboAndKlGradientsDoNotDependOnTheCollector() {
    float[] params = {0.3f, -1.2f, 0.8f, 0.1f, -0.4f, 0.5f}; // loc ++ log variance, batch 3
    Function<NDArray, NDArray> elbo =
        p -> {
          NDArray loc = p.get("0:3");
          NDArray logVar = p.get("3:6");
          Distribution q = Normal.fromLogVariance(loc, logVar);
          Distribution prior = Normal.standard(p.getManager(), new Shape());
          NDArray x = p.getManager().create(new float[] {1f, 0f, 1f});
          NDArray analytic =
              Elbo.estimate(x, q, prior, z -> Bernoulli.ofLogits(z), 4, KlTerm.ANALYTIC).elbo();
          NDArray z = q.sample(new Shape(4));
          return analytic.sum().add(q.logProb(z).sum());
        };
    assertGcDoesNotChangeTheGradient("ELBO, analytic KL and logProb of Normal", params, elbo);
  }

  @Test
  void relaxedCategoricalGradientsDoNotDependOnTheCollector() {
    float[] logits = {0.2f, -0.7f, 1.1f, 0f};
    Function<NDArray, NDArray> loss =
        l -> {
          RelaxedOneHotCategorical q = RelaxedOneHotCategorical.ofLogits(l, 0.5, false);
          NDArray y = q.rsample(new Shape(3));
          return y.mul(l.getManager().create(new float[] {1f, 2f, 3f, 4f}))
              .sum()
              .add(q.logProb(y).sum());
        };
    assertGcDoesNotChangeTheGradient("Gumbel-softmax draw and relaxed logProb", logits, loss);
  }
}
