package org.varl.bench.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.KlTerm;
import org.varl.core.bounds.Likelihood;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.EngineSetup;

/**
 * One ELBO + backward of the VAE of PyTorch's examples/vae (784-400-20 encoder, 20-400-784 decoder,
 * ReLU, Bernoulli likelihood, analytic KL, one draw) on a batch of 128 binary images, built from
 * varl-core's {@link Normal}, {@link Bernoulli}, {@link Elbo} and {@link org.varl.core.kl.Kl} on
 * raw weight arrays; gradients zeroed after each call (what an optimizer step does first). The
 * optimizer update itself is not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ElboBackwardBenchmark {

  static final int BATCH = 128;
  static final int DATA = 784;
  static final int HIDDEN = 400;
  static final int LATENT = 20;

  private NDManager root;
  private NDArray x;
  private NDArray w1;
  private NDArray b1;
  private NDArray wMu;
  private NDArray bMu;
  private NDArray wLogVar;
  private NDArray bLogVar;
  private NDArray w3;
  private NDArray b3;
  private NDArray w4;
  private NDArray b4;
  private List<NDArray> params;

  @Setup
  public void setUp() {
    EngineSetup.threads(Integer.getInteger("varl.bench.threads", 1));
    EngineSetup.seed(1);
    root = NDManager.newBaseManager();
    x =
        root.randomUniform(0f, 1f, new Shape(BATCH, DATA), DataType.FLOAT32)
            .gt(0.7f)
            .toType(DataType.FLOAT32, false);
    w1 = weight(DATA, HIDDEN);
    b1 = root.zeros(new Shape(HIDDEN));
    wMu = weight(HIDDEN, LATENT);
    bMu = root.zeros(new Shape(LATENT));
    wLogVar = weight(HIDDEN, LATENT);
    bLogVar = root.zeros(new Shape(LATENT));
    w3 = weight(LATENT, HIDDEN);
    b3 = root.zeros(new Shape(HIDDEN));
    w4 = weight(HIDDEN, DATA);
    b4 = root.zeros(new Shape(DATA));
    params = List.of(w1, b1, wMu, bMu, wLogVar, bLogVar, w3, b3, w4, b4);
    for (NDArray p : params) {
      p.setRequiresGradient(true);
    }
  }

  private NDArray weight(int in, int out) {
    float limit = (float) (1 / Math.sqrt(in)); // torch.nn.Linear's default init range
    return root.randomUniform(-limit, limit, new Shape(in, out), DataType.FLOAT32);
  }

  @TearDown
  public void tearDown() {
    root.close();
  }

  @Benchmark
  public float elboBackward() {
    try (NDManager step = root.newSubManager()) {
      step.tempAttachAll(x);
      step.tempAttachAll(params.toArray(new NDArray[0]));
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray h = Activation.relu(x.matMul(w1).add(b1));
        Distribution q =
            Normal.diagonalFromLogVariance(h.matMul(wMu).add(bMu), h.matMul(wLogVar).add(bLogVar));
        Distribution prior = Independent.of(Normal.standard(step, new Shape(LATENT)), 1);
        Likelihood decoder =
            z -> {
              NDArray flat = z.reshape(-1, LATENT);
              NDArray logits = Activation.relu(flat.matMul(w3).add(b3)).matMul(w4).add(b4);
              return Independent.of(
                  Bernoulli.ofLogits(logits.reshape(z.getShape().get(0), BATCH, DATA)), 1);
            };
        NDArray negElbo =
            Elbo.estimate(x, q, prior, decoder, 1, KlTerm.ANALYTIC).elbo().sum().neg();
        gc.backward(negElbo);
        loss = negElbo.getFloat();
      }
      for (NDArray p : params) {
        NDArray g = p.getGradient();
        g.subi(g);
      }
      return loss;
    }
  }
}
