package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.TensorViews;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * A VAE's two networks as DJL blocks and the parameters they own.
 *
 * <ul>
 *   <li>MLP variant: two {@link Mlp}s of the core (ReLU); encoder: {@code x [B, D] -> [mu, log
 *       sigma^2]}, each {@code [B, latent]} (one linear head of width {@code 2*latent}, split in
 *       half, as in PyTorch's fc21/fc22 pair);
 *   <li>decoder: {@code z [N, latent] -> [N, D]}, Bernoulli logits or the Gaussian mean.
 *   <li>conv variant: encoder two 4x4 stride-2 convolutions (32, 64 channels), then {@code hidden}
 *       units and the head; decoder {@code hidden} units, a 64-channel grid at a quarter of the
 *       resolution, and twice (2x nearest upsampling, 3x3 convolution).
 * </ul>
 *
 * <p>Parameters are initialized from the run seed with PyTorch's default for linear and
 * convolutional layers, {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} for weights and biases (fan_in =
 * {@code shape[1] * prod(shape[2:])} of the layer's weight), so a varl run and the PyTorch peer
 * start from the same distribution. The parameter arrays live in this model's own manager; close
 * the model to free them.
 */
public final class Vae implements AutoCloseable {

  /**
   * Channels of the two convolutions (the conv variant); small on purpose, it is a teaching model.
   */
  static final int CONV1 = 32;

  static final int CONV2 = 64;

  private final VaeConfig config;
  private final NDManager manager;
  private final Mlp mlpEncoder;
  private final Mlp mlpDecoder;
  private final SequentialBlock encoder;
  private final SequentialBlock decoder;
  private final List<String> names;
  private final List<NDArray> parameters;
  private final ParameterStore store;

  private Vae(VaeConfig config, NDManager manager, long seed) {
    this.config = config;
    this.manager = manager;
    // One generator for both networks, encoder first: the parameters are a pure function of the
    // seed.
    SplittableRandom random = NoiseStream.generator(seed, Streams.PARAMETERS);
    List<String> n = new ArrayList<>();
    List<NDArray> p = new ArrayList<>();
    if (config.architecture() == Architecture.MLP) {
      this.mlpEncoder =
          Mlp.create(
              manager,
              Activation.RELU,
              random,
              config.inputDim(),
              config.hidden(),
              2 * config.latent());
      this.mlpDecoder =
          Mlp.create(
              manager,
              Activation.RELU,
              random,
              config.latent(),
              config.hidden(),
              config.inputDim());
      this.encoder = null;
      this.decoder = null;
      this.store = null;
      for (int i = 0; i < mlpEncoder.parameters().size(); i++) {
        n.add("encoder/" + mlpEncoder.parameterNames().get(i));
        p.add(mlpEncoder.parameters().get(i));
      }
      for (int i = 0; i < mlpDecoder.parameters().size(); i++) {
        n.add("decoder/" + mlpDecoder.parameterNames().get(i));
        p.add(mlpDecoder.parameters().get(i));
      }
    } else {
      this.mlpEncoder = null;
      this.mlpDecoder = null;
      this.encoder = convEncoder(config);
      this.decoder = convDecoder(config);
      encoder.initialize(manager, DataType.FLOAT32, new Shape(1, config.inputDim()));
      decoder.initialize(manager, DataType.FLOAT32, new Shape(1, config.latent()));
      for (Pair<String, Parameter> e : encoder.getParameters()) {
        n.add("encoder/" + e.getKey());
        p.add(e.getValue().getArray());
      }
      for (Pair<String, Parameter> e : decoder.getParameters()) {
        n.add("decoder/" + e.getKey());
        p.add(e.getValue().getArray());
      }
      this.store = new ParameterStore(manager, false);
      initializeConv(p, random);
    }
    this.names = Collections.unmodifiableList(n);
    this.parameters = Collections.unmodifiableList(p);
  }

  /**
   * Builds a model whose parameters are drawn from {@code seed}, in a sub-manager of {@code
   * parent}.
   */
  public static Vae create(VaeConfig config, long seed, NDManager parent) {
    NDManager m = parent.newSubManager();
    try {
      return new Vae(config, m, seed);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /**
   * PyTorch's default initialization for the conv variant's DJL blocks, from the same generator as
   * the MLP variant (see {@link Mlp}): U(−1/√fan_in, 1/√fan_in), fan_in = {@code shape[1] ·
   * prod(shape[2:])} of the layer's weight.
   */
  private static void initializeConv(List<NDArray> params, SplittableRandom random) {
    double bound = 0;
    for (NDArray array : params) {
      long[] shape = array.getShape().getShape();
      if (shape.length >= 2) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
          fanIn *= shape[i];
        }
        bound = 1.0 / Math.sqrt(fanIn);
      }
      // A bias follows its layer's weight in DJL's parameter order, so it reuses the weight's
      // bound.
      float[] values = new float[Math.toIntExact(array.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
      }
      TensorViews.write(array, values);
    }
  }

  private static SequentialBlock convEncoder(VaeConfig c) {
    Shape image = new Shape(-1, c.channels(), c.height(), c.width());
    return new SequentialBlock()
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(image))))
        .add(conv(CONV1))
        .add(ai.djl.nn.Activation.reluBlock())
        .add(conv(CONV2))
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(c.hidden()).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Linear.builder().setUnits(2L * c.latent()).build());
  }

  private static SequentialBlock convDecoder(VaeConfig c) {
    Shape grid = new Shape(-1, CONV2, c.height() / 4, c.width() / 4);
    return new SequentialBlock()
        .add(Linear.builder().setUnits(c.hidden()).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Linear.builder().setUnits((long) CONV2 * (c.height() / 4) * (c.width() / 4)).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(grid))))
        .add(upsample())
        .add(sameConv(CONV1))
        .add(ai.djl.nn.Activation.reluBlock())
        .add(upsample())
        .add(sameConv(c.channels()))
        .add(Blocks.batchFlattenBlock());
  }

  private static Block conv(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(4, 4))
        .optStride(new Shape(2, 2))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  /**
   * Nearest-neighbour 2x upsampling of {@code [B, C, H, W]}. The decoder upsamples and convolves
   * instead of using transposed convolutions, which DJL's PyTorch engine does not implement (it
   * also avoids their checkerboard artefacts; Odena, Dumoulin and Olah, Distill 2016).
   */
  private static Block upsample() {
    return new LambdaBlock(x -> new NDList(x.singletonOrThrow().repeat(2, 2).repeat(3, 2)));
  }

  private static Block sameConv(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  /** The model's configuration. */
  public VaeConfig config() {
    return config;
  }

  /**
   * The encoder's two outputs for {@code x [B, D]}: {@code mu [B, latent]} and {@code log sigma^2
   * [B, latent]}, attached to x's manager.
   */
  public NDList encode(NDArray x, boolean training) {
    NDArray out =
        mlpEncoder != null
            ? mlpEncoder.forward(x)
            : encoder.forward(store, new NDList(x), training).singletonOrThrow();
    int l = config.latent();
    return new NDList(out.get(new NDIndex(":, :{}", l)), out.get(new NDIndex(":, {}:", l)));
  }

  /**
   * The decoder's output for {@code z [..., latent]}: Bernoulli logits or the Gaussian mean, shape
   * {@code [..., D]}. Leading dimensions (IWAE's K samples) are flattened for the blocks and
   * restored.
   */
  public NDArray decode(NDArray z, boolean training) {
    Shape shape = z.getShape();
    NDArray flat = shape.dimension() == 2 ? z : z.reshape(-1, config.latent());
    NDArray out =
        mlpDecoder != null
            ? mlpDecoder.forward(flat)
            : decoder.forward(store, new NDList(flat), training).singletonOrThrow();
    if (shape.dimension() == 2) {
      return out;
    }
    long[] outShape = shape.getShape().clone();
    outShape[outShape.length - 1] = config.inputDim();
    return out.reshape(new Shape(outShape));
  }

  /**
   * Parameter names, {@code encoder/...} then {@code decoder/...}, in a fixed order (the
   * checkpoint's order).
   */
  public List<String> parameterNames() {
    return names;
  }

  /**
   * The parameters' arrays in {@link #parameterNames()} order; updates to them change the model.
   */
  public List<NDArray> parameterArrays() {
    return parameters;
  }

  /** The manager that owns the parameters (and optimizer state created for them). */
  public NDManager manager() {
    return manager;
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    long n = 0;
    for (NDArray p : parameters) {
      n += p.size();
    }
    return n;
  }

  @Override
  public void close() {
    manager.close();
  }
}
