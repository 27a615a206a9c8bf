package org.varl.rl.agents;

/**
 * The settings of a {@link ConvEncoder} and of its target copy.
 *
 * @param layers convolutions, ≥ 1: the first 3×3 with stride 2, the rest 3×3 with stride 1 (2;
 *     SAC+AE has 4 on 84×84 images, see {@link ConvEncoder} for why 2 on 32×32)
 * @param filters output channels of every convolution, ≥ 1 (32: SAC+AE's {@code num_filters})
 * @param features width of the encoder's output, ≥ 1 (50: SAC+AE's {@code encoder_feature_dim})
 * @param tau Polyak coefficient of the target encoder, in (0, 1] (0.05: SAC+AE's {@code
 *     encoder_tau}, Yarats et al. 2019, appendix B)
 */
public record ConvEncoderConfig(int layers, int filters, int features, double tau) {

  /** Checks every field; the message names it and its value. */
  public ConvEncoderConfig {
    if (layers < 1) {
      throw new IllegalArgumentException("encoder layers must be >= 1, found " + layers);
    }
    if (filters < 1) {
      throw new IllegalArgumentException("encoder filters must be >= 1, found " + filters);
    }
    if (features < 1) {
      throw new IllegalArgumentException("encoder-features must be >= 1, found " + features);
    }
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("encoder tau must be in (0, 1], found " + tau);
    }
  }

  /** Two convolutions of 32 filters, 50 features, encoder τ 0.05. */
  public static ConvEncoderConfig defaults() {
    return new ConvEncoderConfig(2, 32, 50, 0.05);
  }

  /** With {@code n} output features. */
  public ConvEncoderConfig withFeatures(int n) {
    return new ConvEncoderConfig(layers, filters, n, tau);
  }

  /** With {@code n} convolutions. */
  public ConvEncoderConfig withLayers(int n) {
    return new ConvEncoderConfig(n, filters, features, tau);
  }

  /** With {@code n} filters per convolution. */
  public ConvEncoderConfig withFilters(int n) {
    return new ConvEncoderConfig(layers, n, features, tau);
  }

  /** With target-encoder Polyak coefficient {@code t}. */
  public ConvEncoderConfig withTau(double t) {
    return new ConvEncoderConfig(layers, filters, features, t);
  }
}
