package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import org.varl.models.vae.ConvNets;

/**
 * The sequential latent model — a VAE through time:
 *
 * <pre>
 *   prior     p(z_1) = N(μ_1, diag σ_1²) (learned),   p(z_t | carry_t) = N(f_p(carry_t))
 *   decoder   p(x_t | z_t) = N(f_d(features_t), diag σ_x²)   (σ_x learned per dimension)
 *   encoder   q(z_t | carry_t, e_t) = N(f_q([carry_t, e_t])),
 *             e_t = x_t (filtering) or g_t = GRU_back(g_{t+1}, x_t) (smoothing: x_{t:T})
 * </pre>
 *
 * with the carry and features of the {@link LatentPath} (z_{t−1} and a_{t−1}, or the RSSM's h_t),
 * every f an {@link Mlp} with {@code layers} tanh hidden layers of width {@code hidden} and [μ |
 * log σ²] outputs. The ELBO is {@link SequenceElbo}. Parameters live in the manager given to {@link
 * #create}; their order ({@link #parameters()}) is the checkpoint's.
 *
 * <p>With the conv architecture ({@link SsmConfig#conv()}) the frame networks are the VAE's ({@link
 * ConvNets}, one definition for both models):
 *
 * <pre>
 *   decoder   f_d = ConvNets.decoder(C, H, W, hidden): features_t [F] → logits or mean [C·H·W]
 *   embedding e_t = ConvNets.encoder(C, H, W, hidden, hidden)(x_t)   (filtering; smoothing:
 *             g_t = GRU_back(g_{t+1}, e_t))
 * </pre>
 *
 * where the embedding runs once over all B·T frames of the batch, {@code [B·T, C·H·W] → [B·T,
 * hidden]}, before the time loop (it does not depend on the carry); only the posterior MLP f_q on
 * [carry_t, e_t] stays in the loop. Their parameters are DJL blocks' arrays held in the same lists,
 * named {@code decoder.<block>} and {@code encoder.<block>}, initialized by {@link
 * ConvNets#initialize} from the same parameter stream.
 */
public final class SequenceModel {

  private final SsmConfig config;
  private final LatentPath path;
  private final Mlp prior;
  private final NDArray initLoc;
  private final NDArray initLogVariance;
  private final Mlp decoder;
  private final SequentialBlock convDecoder;
  private final NDArray decoderLogVariance;
  private final Mlp posteriorNet;
  private final SequentialBlock convEncoder;
  private final Gru backward;
  private final ParameterStore store;
  private final List<NDArray> parameters;
  private final List<String> names;

  private SequenceModel(
      SsmConfig config,
      LatentPath path,
      Mlp prior,
      NDArray initLoc,
      NDArray initLogVariance,
      Mlp decoder,
      SequentialBlock convDecoder,
      NDArray decoderLogVariance,
      Mlp posteriorNet,
      SequentialBlock convEncoder,
      Gru backward,
      ParameterStore store) {
    this.config = config;
    this.path = path;
    this.prior = prior;
    this.initLoc = initLoc;
    this.initLogVariance = initLogVariance;
    this.decoder = decoder;
    this.convDecoder = convDecoder;
    this.decoderLogVariance = decoderLogVariance;
    this.posteriorNet = posteriorNet;
    this.convEncoder = convEncoder;
    this.backward = backward;
    this.store = store;
    List<NDArray> p = new ArrayList<>();
    List<String> n = new ArrayList<>();
    add(p, n, "prior.", prior.parameters(), prior.parameterNames());
    p.add(initLoc);
    n.add("init.loc");
    p.add(initLogVariance);
    n.add("init.logVariance");
    if (convDecoder != null) {
      ConvNets.collect(convDecoder, "decoder.", n, p);
    } else {
      add(p, n, "decoder.", decoder.parameters(), decoder.parameterNames());
    }
    if (config.likelihood() == SsmLikelihood.GAUSSIAN) {
      // the Bernoulli decoder has no σ_x: the vector exists but is no parameter (no gradient)
      p.add(decoderLogVariance);
      n.add("decoder.logVariance");
    }
    add(p, n, "posterior.", posteriorNet.parameters(), posteriorNet.parameterNames());
    if (convEncoder != null) {
      ConvNets.collect(convEncoder, "encoder.", n, p);
    }
    p.addAll(path.parameters());
    n.addAll(path.parameterNames());
    if (backward != null) {
      p.addAll(backward.parameters());
      n.addAll(Gru.parameterNames("backward."));
    }
    this.parameters = Collections.unmodifiableList(p);
    this.names = Collections.unmodifiableList(n);
  }

  private static void add(
      List<NDArray> p, List<String> n, String prefix, List<NDArray> ps, List<String> ns) {
    p.addAll(ps);
    for (String s : ns) {
      n.add(prefix + s);
    }
  }

  /**
   * A new model in {@code manager}, its parameters drawn from the seed's parameter stream
   * (PyTorch's default initializations; the Gaussian vectors start at N(0, 1)), in the order
   * transition, prior, decoder, posterior, conv embedding, backward GRU.
   */
  public static SequenceModel create(NDManager manager, SsmConfig config, long seed) {
    SplittableRandom random = NoiseStream.generator(seed, Streams.PARAMETERS);
    int dz = config.dimZ();
    int da = config.dimA();
    Gru transition =
        config.recurrent() ? Gru.create(manager, random, dz + da, config.deterministic()) : null;
    LatentPath path =
        config.recurrent() ? new RecurrentPath(dz, da, transition) : new MarkovPath(dz, da);
    Mlp prior = mlp(manager, random, config, path.carrySize(), 2 * dz);
    boolean conv = config.conv();
    Mlp decoder = conv ? null : mlp(manager, random, config, path.featureSize(), config.dimX());
    SequentialBlock convDecoder = null;
    if (conv) {
      convDecoder =
          ConvNets.decoder(config.channels(), config.height(), config.width(), config.hidden());
      convDecoder.initialize(manager, DataType.FLOAT32, new Shape(1, path.featureSize()));
      ConvNets.initialize(blockArrays(convDecoder), random);
    }
    // what the posterior reads beside the carry: the frame (mlp) or its conv embedding, or the
    // backward GRU's state over either
    int frame = conv ? config.hidden() : config.dimX();
    int embedding = config.encoder() == SsmEncoder.SMOOTHING ? config.encoderHidden() : frame;
    Mlp posterior = mlp(manager, random, config, path.carrySize() + embedding, 2 * dz);
    SequentialBlock convEncoder = null;
    if (conv) {
      convEncoder =
          ConvNets.encoder(
              config.channels(), config.height(), config.width(), config.hidden(), config.hidden());
      convEncoder.initialize(manager, DataType.FLOAT32, new Shape(1, config.dimX()));
      ConvNets.initialize(blockArrays(convEncoder), random);
    }
    Gru backward =
        config.encoder() == SsmEncoder.SMOOTHING
            ? Gru.create(manager, random, frame, config.encoderHidden())
            : null;
    return new SequenceModel(
        config,
        path,
        prior,
        vector(manager, dz),
        vector(manager, dz),
        decoder,
        convDecoder,
        vector(manager, config.dimX()),
        posterior,
        convEncoder,
        backward,
        conv ? new ParameterStore(manager, false) : null);
  }

  private static List<NDArray> blockArrays(SequentialBlock block) {
    List<NDArray> arrays = new ArrayList<>();
    ConvNets.collect(block, "", new ArrayList<>(), arrays);
    return arrays;
  }

  private static Mlp mlp(NDManager m, SplittableRandom r, SsmConfig c, int in, int out) {
    int[] widths = new int[c.layers() + 2];
    widths[0] = in;
    for (int l = 1; l <= c.layers(); l++) {
      widths[l] = c.hidden();
    }
    widths[c.layers() + 1] = out;
    return Mlp.create(m, Activation.TANH, r, widths);
  }

  private static NDArray vector(NDManager m, int n) {
    NDArray v = m.zeros(new Shape(n), DataType.FLOAT32);
    v.setRequiresGradient(true);
    return v;
  }

  /**
   * The encoder bound to the batch {@code x: [B, T, dx]}: for the smoothing encoder the backward
   * GRU runs here over the whole sequence once.
   */
  public Posterior posterior(NDArray x) {
    long t = x.getShape().get(1);
    NDArray frames = x;
    if (convEncoder != null) {
      // all B·T frames through the conv embedding in one call, before any loop over t
      long b = x.getShape().get(0);
      NDArray flat = x.reshape(b * t, config.dimX());
      frames =
          convEncoder
              .forward(store, new NDList(flat), false)
              .singletonOrThrow()
              .reshape(b, t, config.hidden());
    }
    NDArray embedded;
    if (backward == null) {
      embedded = frames.transpose(1, 0, 2);
    } else {
      NDArray projected = backward.project(frames).transpose(1, 0, 2);
      NDArray g = x.getManager().zeros(new Shape(x.getShape().get(0), backward.hiddenSize()));
      NDArray[] gs = new NDArray[(int) t];
      for (int s = (int) t - 1; s >= 0; s--) {
        g = backward.step(projected.get(s), g);
        gs[s] = g;
      }
      embedded = NDArrays.stack(new NDList(gs), 0);
    }
    return (step, carry) ->
        posteriorNet.forward(carry.concat(embedded.get(step), carry.getShape().dimension() - 1));
  }

  /** [μ | log σ²] of p(z_t | carry_t) for {@code carry: [..., carrySize]}. */
  public NDArray transitionPrior(NDArray carry) {
    return prior.forward(carry);
  }

  /**
   * [μ_1 | log σ_1²] of p(z_1), {@code [2·dz]}, in {@code manager} (an op whose first input is a
   * parameter would put its result in the parameters' manager).
   */
  public NDArray initialPrior(NDManager manager) {
    Shape d = new Shape(config.dimZ());
    NDArray loc = manager.zeros(d).add(initLoc);
    return loc.concat(manager.zeros(d).add(initLogVariance), 0);
  }

  /**
   * The decoder's output for {@code features: [..., featureSize]}: the Gaussian mean or the
   * Bernoulli logits, {@code [..., dx]}.
   */
  public NDArray decoderMean(NDArray features) {
    if (convDecoder == null) {
      return decoder.forward(features);
    }
    // the conv block takes [N, F]: flatten the leading dimensions and restore them
    long[] shape = features.getShape().getShape();
    NDArray flat = features.reshape(-1, shape[shape.length - 1]);
    NDArray out = convDecoder.forward(store, new NDList(flat), false).singletonOrThrow();
    long[] outShape = shape.clone();
    outShape[outShape.length - 1] = config.dimX();
    return out.reshape(new Shape(outShape));
  }

  /**
   * E[x_t | features_t], {@code [..., dx]}: the decoder's output for the Gaussian likelihood, σ of
   * the logits for the Bernoulli one.
   */
  public NDArray observationMean(NDArray features) {
    NDArray out = decoderMean(features);
    return config.likelihood() == SsmLikelihood.BERNOULLI ? ai.djl.nn.Activation.sigmoid(out) : out;
  }

  /**
   * log p(x_t | features_t) summed over the observation's dimensions, {@code [...]}, for {@code x,
   * features: [..., ·]}.
   */
  public NDArray logLikelihood(NDArray features, NDArray x) {
    NDArray out = decoderMean(features);
    if (config.likelihood() == SsmLikelihood.BERNOULLI) {
      return org.varl.core.distributions.Bernoulli.ofLogits(out)
          .logProb(x)
          .sum(new int[] {x.getShape().dimension() - 1});
    }
    NDArray logVar = out.zerosLike().add(decoderLogVariance);
    return org.varl.core.distributions.Normal.diagonalFromLogVariance(out, logVar).logProb(x);
  }

  /** log σ_x² of the decoder, {@code [dx]}. */
  public NDArray decoderLogVariance() {
    return decoderLogVariance;
  }

  public LatentPath path() {
    return path;
  }

  public SsmConfig config() {
    return config;
  }

  /** Every parameter, in checkpoint order. */
  public List<NDArray> parameters() {
    return parameters;
  }

  /** Their names ({@code prior.layers.0.weight}, {@code init.loc}, ...), in order. */
  public List<String> parameterNames() {
    return names;
  }

  /** The parameter called {@code name}. */
  public NDArray parameter(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no parameter " + name + " (have " + names + ")");
    }
    return parameters.get(i);
  }

  /** Number of scalar parameters. */
  public long parameterCount() {
    long n = 0;
    for (NDArray p : parameters) {
      n += p.size();
    }
    return n;
  }
}
