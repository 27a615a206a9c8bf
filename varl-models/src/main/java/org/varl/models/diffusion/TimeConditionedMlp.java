package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;

/**
 * The time-conditioned network of the toy diffusion and flow-matching models (the PyTorch peer's):
 *
 * <pre>
 *   f_θ(x, t) = MLP([x, emb(t)]),   MLP: Linear(d + 64, 128) → SiLU → Linear(128, 128) → SiLU
 *                                          → Linear(128, 128) → SiLU → Linear(128, d)
 * </pre>
 *
 * with {@code emb} the {@link SinusoidalEmbedding} of width 64 and PyTorch's default initialization
 * ({@link Mlp}). It predicts the noise ε in DDPM and the velocity in flow matching. The hidden
 * width and depth are options; the embedding always follows x in the input.
 *
 * <p>The conditioned variant ({@link #createConditioned}) takes a condition c of width k as well,
 * {@code f_θ(x, c, t) = MLP([x, c, emb(t)])} with first layer {@code Linear(d + k + 64, hidden)}:
 * the ε-network of a diffusion policy, where x is the noisy action and c the state (Chi et al.
 * 2023). With k = 0 it is the network above.
 *
 * <p>The input row {@code [x, emb(t)]} can be built in Java ({@link #input}) and copied to the
 * engine in one call, which is cheaper than the five engine ops of {@link
 * SinusoidalEmbedding#embed} for a small network; {@link RegressionStep} trains on such rows.
 */
public final class TimeConditionedMlp implements AutoCloseable {

  /** The peer's hidden width and number of hidden layers. */
  public static final int DEFAULT_HIDDEN = 128;

  public static final int DEFAULT_LAYERS = 3;

  private final int dimension;
  private final int condition;
  private final SinusoidalEmbedding embedding;
  private final Mlp mlp;
  private final NDManager manager;

  private TimeConditionedMlp(
      int dimension, int condition, SinusoidalEmbedding embedding, Mlp mlp, NDManager manager) {
    this.dimension = dimension;
    this.condition = condition;
    this.embedding = embedding;
    this.mlp = mlp;
    this.manager = manager;
  }

  /**
   * A network for points of dimension {@code d}, with {@code layers} hidden layers of width {@code
   * hidden}, parameters in a sub-manager of {@code parent} drawn from {@code seed}'s parameter
   * stream. Close it to free them.
   */
  public static TimeConditionedMlp create(
      NDManager parent, int d, int hidden, int layers, int embeddingDim, long seed) {
    return createConditioned(parent, d, 0, hidden, layers, embeddingDim, seed);
  }

  /**
   * A network {@code f(x, c, t)} for points of dimension {@code d} and conditions of width {@code
   * condition} (≥ 0; 0 gives {@link #create(NDManager, int, int, int, int, long)}'s network, with
   * the same parameters for the same seed).
   */
  public static TimeConditionedMlp createConditioned(
      NDManager parent, int d, int condition, int hidden, int layers, int embeddingDim, long seed) {
    if (d < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, found " + d);
    }
    if (hidden < 1 || layers < 1) {
      throw new IllegalArgumentException(
          "hidden width and layers must be >= 1, found " + hidden + " and " + layers);
    }
    if (condition < 0) {
      throw new IllegalArgumentException("condition width must be >= 0, found " + condition);
    }
    SinusoidalEmbedding emb = new SinusoidalEmbedding(embeddingDim);
    int[] widths = new int[layers + 2];
    widths[0] = d + condition + embeddingDim;
    for (int l = 1; l <= layers; l++) {
      widths[l] = hidden;
    }
    widths[layers + 1] = d;
    NDManager m = parent.newSubManager();
    return new TimeConditionedMlp(
        d, condition, emb, Mlp.create(m, Activation.SILU, seed, widths), m);
  }

  /** The peer's network for dimension d: 3 hidden layers of 128, embedding 64. */
  public static TimeConditionedMlp create(NDManager parent, int d, long seed) {
    return create(parent, d, DEFAULT_HIDDEN, DEFAULT_LAYERS, SinusoidalEmbedding.DEFAULT_DIM, seed);
  }

  /** The point dimension d (input and output). */
  public int dimension() {
    return dimension;
  }

  /** The condition width k (0 for the unconditioned network). */
  public int condition() {
    return condition;
  }

  /** The time embedding. */
  public SinusoidalEmbedding embedding() {
    return embedding;
  }

  /** The MLP on {@code [x, emb(t)]}. */
  public Mlp mlp() {
    return mlp;
  }

  /** Width of one input row, {@code d + k + embedding width}. */
  public int inputWidth() {
    return dimension + condition + embedding.dim();
  }

  /** Hidden width. */
  public int hidden() {
    return mlp.widths()[1];
  }

  /** Number of hidden layers. */
  public int layers() {
    return mlp.widths().length - 2;
  }

  /** The parameters, in {@link Mlp#parameterNames()} order. */
  public List<NDArray> parameters() {
    return mlp.parameters();
  }

  /** Their names ({@code layers.l.weight} / {@code layers.l.bias}). */
  public List<String> parameterNames() {
    return mlp.parameterNames();
  }

  /**
   * {@code f(x, t)} for {@code x: [B, d]}, {@code t: [B]} float32 (the embedding on the engine),
   * shape {@code [B, d]}, attached to x's manager.
   */
  public NDArray forward(NDArray x, NDArray t) {
    requireUnconditioned();
    NDArray emb = embedding.embed(t);
    emb.attach(x.getManager());
    return mlp.forward(x.concat(emb, 1));
  }

  /** {@code f} on prebuilt input rows {@code [B, d + 64]} (see {@link #input}). */
  public NDArray forwardInput(NDArray input) {
    return mlp.forward(input);
  }

  /**
   * Input rows {@code [x_b, emb(t_b)]} built in Java, row-major {@code [B, d + dim]}, with {@code
   * x} row-major {@code [B, d]} and {@code t} of length B.
   */
  public float[] input(float[] x, double[] t) {
    requireUnconditioned();
    int w = inputWidth();
    int b = t.length;
    if (x.length != b * dimension) {
      throw new IllegalArgumentException(
          "x must hold " + b + " rows of " + dimension + " values, found " + x.length);
    }
    float[] out = new float[b * w];
    for (int i = 0; i < b; i++) {
      System.arraycopy(x, i * dimension, out, i * w, dimension);
      embedding.writeInto(t[i], out, i * w + dimension);
    }
    return out;
  }

  /**
   * As {@link #input(float[], double[])} for integer times, reading embeddings from {@code table}
   * ({@link SinusoidalEmbedding#table}): no trigonometry per step.
   */
  public float[] input(float[] x, int[] t, float[] table) {
    requireUnconditioned();
    int w = inputWidth();
    int e = embedding.dim();
    int b = t.length;
    if (x.length != b * dimension) {
      throw new IllegalArgumentException(
          "x must hold " + b + " rows of " + dimension + " values, found " + x.length);
    }
    float[] out = new float[b * w];
    for (int i = 0; i < b; i++) {
      System.arraycopy(x, i * dimension, out, i * w, dimension);
      System.arraycopy(table, t[i] * e, out, i * w + dimension, e);
    }
    return out;
  }

  /**
   * Input rows {@code [x_b, c_b, emb(t_b)]} of the conditioned network, row-major {@code [B, d + k
   * + dim]}, with {@code x: [B, d]}, {@code c: [B, k]} row-major, integer times {@code t} of length
   * B and embeddings read from {@code table} ({@link SinusoidalEmbedding#table}).
   */
  public float[] input(float[] x, float[] c, int[] t, float[] table) {
    int w = inputWidth();
    int e = embedding.dim();
    int b = t.length;
    if (x.length != b * dimension || c.length != b * condition) {
      throw new IllegalArgumentException(
          "x and c must hold "
              + b
              + " rows of "
              + dimension
              + " and "
              + condition
              + " values, found "
              + x.length
              + " and "
              + c.length);
    }
    float[] out = new float[b * w];
    for (int i = 0; i < b; i++) {
      System.arraycopy(x, i * dimension, out, i * w, dimension);
      System.arraycopy(c, i * condition, out, i * w + dimension, condition);
      System.arraycopy(table, t[i] * e, out, i * w + dimension + condition, e);
    }
    return out;
  }

  private void requireUnconditioned() {
    if (condition != 0) {
      throw new IllegalStateException(
          "this network takes a condition of width " + condition + ": use input(x, c, t, table)");
    }
  }

  /** {@code [B, w]} on the engine from Java rows. */
  public NDArray toEngine(NDManager m, float[] rows) {
    return m.create(rows, new Shape(rows.length / inputWidth(), inputWidth()));
  }

  @Override
  public void close() {
    manager.close();
  }
}
