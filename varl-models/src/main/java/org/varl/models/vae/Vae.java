package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
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
 *   <li>conv variant: the {@link ConvNets} encoder (two 4x4 stride-2 convolutions, 32 and 64
 *       channels, then {@code hidden} units and the head of width {@code 2*latent}) and decoder
 *       ({@code hidden} units, a 64-channel grid at a quarter of the resolution, and twice 2x
 *       nearest upsampling and a 3x3 convolution), shared with the state-space model.
 * </ul>
 *
 * <p>Parameters are initialized from the run seed with PyTorch's default for linear and
 * convolutional layers, {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} for weights and biases (fan_in =
 * {@code shape[1] * prod(shape[2:])} of the layer's weight), so a varl run and the PyTorch peer
 * start from the same distribution. The parameter arrays live in this model's own manager; close
 * the model to free them.
 */
public final class Vae implements AutoCloseable {

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
      this.encoder =
          ConvNets.encoder(
              config.channels(),
              config.height(),
              config.width(),
              config.hidden(),
              2 * config.latent());
      this.decoder =
          ConvNets.decoder(config.channels(), config.height(), config.width(), config.hidden());
      encoder.initialize(manager, DataType.FLOAT32, new Shape(1, config.inputDim()));
      decoder.initialize(manager, DataType.FLOAT32, new Shape(1, config.latent()));
      ConvNets.collect(encoder, "encoder/", n, p);
      ConvNets.collect(decoder, "decoder/", n, p);
      this.store = new ParameterStore(manager, false);
      ConvNets.initialize(p, random);
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
