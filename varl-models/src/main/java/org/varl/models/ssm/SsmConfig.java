package org.varl.models.ssm;

import org.varl.models.vae.Architecture;
import org.varl.models.vae.ConvNets;

/**
 * The structure of a {@link SequenceModel}.
 *
 * @param dimZ size of the Gaussian latent z_t (default 2: the linear-Gaussian reference's)
 * @param dimX observation size
 * @param dimA action size (0: none)
 * @param hidden width of the hidden layers of the prior, decoder and posterior networks (default
 *     64)
 * @param layers hidden layers of those networks (default 1; 0 makes every one of them linear, which
 *     holds the linear-Gaussian model exactly)
 * @param deterministic size of the deterministic GRU path h_t (0: none, z_t alone is the state; >
 *     0: the RSSM of PlaNet, Hafner et al. 2019, whose default there is 200; here 32)
 * @param encoder filtering or smoothing (default filtering)
 * @param encoderHidden size of the smoothing encoder's backward GRU (default 32)
 * @param likelihood the decoder's observation model (default gaussian; null reads as gaussian, so
 *     checkpoints written before the field existed still load)
 * @param architecture the frame networks: mlp (every network an MLP on the flat observation) or
 *     conv (the decoder and the encoder's frame embedding are the VAE's {@link ConvNets}; needs the
 *     image shape); null reads as mlp, so checkpoints written before the field existed still load
 * @param channels image channels of an observation (0: not an image)
 * @param height image height (0: not an image; with conv divisible by 4)
 * @param width image width (0: not an image; with conv divisible by 4)
 */
public record SsmConfig(
    int dimZ,
    int dimX,
    int dimA,
    int hidden,
    int layers,
    int deterministic,
    SsmEncoder encoder,
    int encoderHidden,
    SsmLikelihood likelihood,
    Architecture architecture,
    int channels,
    int height,
    int width) {

  /** Upper bound of every size: keeps the weight matrices far below 2^31 entries. */
  public static final int MAX_SIZE = 4096;

  public SsmConfig {
    requireSize("dimZ", dimZ, 1);
    requireSize("dimX", dimX, 1);
    requireSize("dimA", dimA, 0);
    requireSize("hidden", hidden, 1);
    if (layers < 0 || layers > 8) {
      throw new IllegalArgumentException("layers must be in [0, 8], found " + layers);
    }
    requireSize("deterministic", deterministic, 0);
    if (encoder == null) {
      throw new IllegalArgumentException("encoder must be filtering or smoothing, found null");
    }
    requireSize("encoderHidden", encoderHidden, 1);
    if (likelihood == null) {
      likelihood = SsmLikelihood.GAUSSIAN;
    }
    if (architecture == null) {
      architecture = Architecture.MLP;
    }
    boolean image = channels != 0 || height != 0 || width != 0;
    if (image && (channels < 1 || height < 1 || width < 1)) {
      throw new IllegalArgumentException(
          "image shape must be all positive or all 0, found ["
              + channels
              + ", "
              + height
              + ", "
              + width
              + "]");
    }
    if (image && (long) channels * height * width != dimX) {
      throw new IllegalArgumentException(
          "image shape ["
              + channels
              + ", "
              + height
              + ", "
              + width
              + "] holds "
              + (long) channels * height * width
              + " values, dimX is "
              + dimX);
    }
    if (architecture == Architecture.CONV) {
      if (!image) {
        throw new IllegalArgumentException(
            "arch conv needs frames (an image shape), found vectors of " + dimX + " values");
      }
      ConvNets.requireImage(channels, height, width);
    }
  }

  /** A model of vectors (mlp, no image shape). */
  public SsmConfig(
      int dimZ,
      int dimX,
      int dimA,
      int hidden,
      int layers,
      int deterministic,
      SsmEncoder encoder,
      int encoderHidden,
      SsmLikelihood likelihood) {
    this(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        encoder,
        encoderHidden,
        likelihood,
        Architecture.MLP,
        0,
        0,
        0);
  }

  /** A model with the Gaussian decoder. */
  public SsmConfig(
      int dimZ,
      int dimX,
      int dimA,
      int hidden,
      int layers,
      int deterministic,
      SsmEncoder encoder,
      int encoderHidden) {
    this(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        encoder,
        encoderHidden,
        SsmLikelihood.GAUSSIAN);
  }

  private static void requireSize(String name, int v, int min) {
    if (v < min || v > MAX_SIZE) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + MAX_SIZE + "], found " + v);
    }
  }

  /** The defaults for data of the given observation and action sizes. */
  public static SsmConfig defaults(int dimX, int dimA) {
    return new SsmConfig(2, dimX, dimA, 64, 1, 0, SsmEncoder.FILTERING, 32);
  }

  /** Whether the model has the deterministic path (RSSM). */
  public boolean recurrent() {
    return deterministic > 0;
  }

  public SsmConfig withDimZ(int v) {
    return new SsmConfig(
        v,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        encoder,
        encoderHidden,
        likelihood,
        architecture,
        channels,
        height,
        width);
  }

  public SsmConfig withHidden(int v) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        v,
        layers,
        deterministic,
        encoder,
        encoderHidden,
        likelihood,
        architecture,
        channels,
        height,
        width);
  }

  public SsmConfig withLayers(int v) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        hidden,
        v,
        deterministic,
        encoder,
        encoderHidden,
        likelihood,
        architecture,
        channels,
        height,
        width);
  }

  public SsmConfig withDeterministic(int v) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        v,
        encoder,
        encoderHidden,
        likelihood,
        architecture,
        channels,
        height,
        width);
  }

  public SsmConfig withEncoder(SsmEncoder v) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        v,
        encoderHidden,
        likelihood,
        architecture,
        channels,
        height,
        width);
  }

  public SsmConfig withLikelihood(SsmLikelihood v) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        encoder,
        encoderHidden,
        v,
        architecture,
        channels,
        height,
        width);
  }

  public SsmConfig withEncoderHidden(int v) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        encoder,
        v,
        likelihood,
        architecture,
        channels,
        height,
        width);
  }

  /** The frame architecture and the observation's image shape (0, 0, 0: vectors). */
  public SsmConfig withArchitecture(Architecture v, int c, int h, int w) {
    return new SsmConfig(
        dimZ,
        dimX,
        dimA,
        hidden,
        layers,
        deterministic,
        encoder,
        encoderHidden,
        likelihood,
        v,
        c,
        h,
        w);
  }

  /** Whether the frame networks are the conv ones. */
  public boolean conv() {
    return architecture == Architecture.CONV;
  }
}
