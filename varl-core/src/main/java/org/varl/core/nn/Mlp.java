package org.varl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.TensorViews;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * The multilayer perceptron of varl:
 *
 * <pre>
 *   h_0 = x,   h_{l+1} = φ(h_l W_lᵀ + b_l)  for l < L − 1,   y = h_{L−1} W_{L−1}ᵀ + b_{L−1}
 * </pre>
 *
 * with widths {@code [in, hidden..., out]}, activation φ on every hidden layer and a linear output
 * (heads add their own transforms: {@link Heads}). Weights have PyTorch's layout {@code W_l: [out,
 * in]}, biases {@code b_l: [out]}, and are named {@code layers.l.weight} / {@code layers.l.bias} in
 * that order (the checkpoint order). Each layer is one native {@code linear} call, so a forward
 * pass costs L engine ops plus L − 1 activations.
 *
 * <p>Initialization is PyTorch's default for {@code nn.Linear}: weight and bias ~ U(−1/√fan_in,
 * 1/√fan_in) ({@code kaiming_uniform_(a = √5)} reduces to that bound), drawn in Java from a seeded
 * generator in the order weight₀ (row-major), bias₀, weight₁, ... so that a model is a pure
 * function of its seed.
 *
 * <p>The parameters are created in the manager given to {@link #create}; they belong to it (close
 * it to free them). They require gradients, so a {@code GradientCollector} records every forward
 * pass; {@link #freeze()} stops that.
 */
public final class Mlp {

  private final int[] widths;
  private final Activation activation;
  private final List<NDArray> weights;
  private final List<NDArray> biases;
  private final List<NDArray> parameters;
  private final List<String> names;

  private Mlp(int[] widths, Activation activation, List<NDArray> weights, List<NDArray> biases) {
    this.widths = widths;
    this.activation = activation;
    this.weights = List.copyOf(weights);
    this.biases = List.copyOf(biases);
    List<NDArray> p = new ArrayList<>();
    List<String> n = new ArrayList<>();
    for (int l = 0; l < weights.size(); l++) {
      p.add(weights.get(l));
      p.add(biases.get(l));
      n.add("layers." + l + ".weight");
      n.add("layers." + l + ".bias");
    }
    this.parameters = Collections.unmodifiableList(p);
    this.names = Collections.unmodifiableList(n);
  }

  /**
   * A network of the given widths ({@code [in, hidden..., out]}, at least two) in {@code manager},
   * initialized from {@code random} as PyTorch's {@code nn.Linear} (see the class javadoc). Several
   * networks drawn from one generator in turn give the same values as one network holding all their
   * layers.
   */
  public static Mlp create(
      NDManager manager, Activation activation, SplittableRandom random, int... widths) {
    return create(manager, activation, Init.PYTORCH_DEFAULT, random, widths);
  }

  /** Weight initializations. */
  public enum Init {
    /** PyTorch's {@code nn.Linear} default: W and b ~ U(−1/√fan_in, 1/√fan_in). */
    PYTORCH_DEFAULT,
    /**
     * Glorot and Bengio (2010), {@code torch.nn.init.xavier_uniform_}: W ~ U(±√(6 / (fan_in +
     * fan_out))), b = 0; the usual choice for tanh networks.
     */
    GLOROT_UNIFORM
  }

  /**
   * As {@link #create(NDManager, Activation, SplittableRandom, int...)} with the given
   * initialization.
   */
  public static Mlp create(
      NDManager manager, Activation activation, Init init, SplittableRandom random, int... widths) {
    requireWidths(widths);
    List<NDArray> w = new ArrayList<>();
    List<NDArray> b = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      if (init == Init.GLOROT_UNIFORM) {
        w.add(uniform(manager, random, Math.sqrt(6.0 / (in + out)), new Shape(out, in)));
        b.add(manager.zeros(new Shape(out), DataType.FLOAT32));
      } else {
        double bound = 1.0 / Math.sqrt(in);
        w.add(uniform(manager, random, bound, new Shape(out, in)));
        b.add(uniform(manager, random, bound, new Shape(out)));
      }
    }
    Mlp mlp = new Mlp(widths.clone(), activation, w, b);
    mlp.requireGradients(true);
    return mlp;
  }

  /**
   * As {@link #create(NDManager, Activation, SplittableRandom, int...)} from the run seed's
   * parameter stream.
   */
  public static Mlp create(NDManager manager, Activation activation, long seed, int... widths) {
    return create(manager, activation, NoiseStream.generator(seed, Streams.PARAMETERS), widths);
  }

  /**
   * A network on given arrays ({@code weights.get(l): [out, in]}, {@code biases.get(l): [out]}),
   * which it uses as they are (no copy): for a fixed, known model such as a data-generating
   * decoder.
   */
  public static Mlp of(Activation activation, List<NDArray> weights, List<NDArray> biases) {
    if (weights.isEmpty() || weights.size() != biases.size()) {
      throw new IllegalArgumentException(
          "an mlp needs as many biases as weights (at least one), found "
              + weights.size()
              + " weights and "
              + biases.size()
              + " biases");
    }
    int[] widths = new int[weights.size() + 1];
    widths[0] = Math.toIntExact(weights.get(0).getShape().get(1));
    for (int l = 0; l < weights.size(); l++) {
      Shape ws = weights.get(l).getShape();
      Shape bs = biases.get(l).getShape();
      if (ws.dimension() != 2
          || ws.get(1) != widths[l]
          || bs.dimension() != 1
          || bs.get(0) != ws.get(0)) {
        throw new IllegalArgumentException(
            "layer "
                + l
                + ": weight must be [out, "
                + widths[l]
                + "] and bias [out], found "
                + ws
                + " and "
                + bs);
      }
      widths[l + 1] = Math.toIntExact(ws.get(0));
    }
    return new Mlp(widths, activation, weights, biases);
  }

  private static void requireWidths(int[] widths) {
    if (widths == null || widths.length < 2) {
      throw new IllegalArgumentException("an mlp needs at least an input and an output width");
    }
    for (int i = 0; i < widths.length; i++) {
      if (widths[i] < 1) {
        throw new IllegalArgumentException("width " + i + " must be >= 1, found " + widths[i]);
      }
    }
  }

  private static NDArray uniform(
      NDManager manager, SplittableRandom random, double bound, Shape shape) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    NDArray a = manager.zeros(shape, DataType.FLOAT32);
    // Written through the tensor's memory: NDArray.set(Buffer) makes libtorch print a deprecation
    // warning.
    TensorViews.write(a, values);
    return a;
  }

  /**
   * {@code y = mlp(x)} for {@code x: [..., in]}, shape {@code [..., out]}, attached to x's manager.
   */
  public NDArray forward(NDArray x) {
    NDArray h = x;
    int last = weights.size() - 1;
    for (int l = 0; l <= last; l++) {
      h = h.getNDArrayInternal().linear(h, weights.get(l), biases.get(l)).singletonOrThrow();
      if (l < last) {
        h = activation.apply(h);
      }
    }
    return h;
  }

  /**
   * Stops gradients to the parameters (a fixed network): no gradient is recorded or accumulated for
   * them.
   */
  public void freeze() {
    requireGradients(false);
  }

  private void requireGradients(boolean on) {
    for (NDArray p : parameters) {
      p.setRequiresGradient(on);
    }
  }

  /** {@code [W_0, b_0, W_1, b_1, ...]}: updates to them change the network. */
  public List<NDArray> parameters() {
    return parameters;
  }

  /** {@code layers.l.weight} / {@code layers.l.bias}, in {@link #parameters()} order. */
  public List<String> parameterNames() {
    return names;
  }

  /** The widths {@code [in, hidden..., out]}. */
  public int[] widths() {
    return widths.clone();
  }

  /** Input width. */
  public int inputSize() {
    return widths[0];
  }

  /** Output width. */
  public int outputSize() {
    return widths[widths.length - 1];
  }

  /** The hidden-layer activation. */
  public Activation activation() {
    return activation;
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    long n = 0;
    for (NDArray p : parameters) {
      n += p.size();
    }
    return n;
  }
}
