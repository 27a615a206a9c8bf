package org.varl.models.vae;

import java.util.Locale;

/**
 * The encoder/decoder family: fully connected or a small convolutional network for images ({@link
 * ConvNets}); the VAE's, and the frame networks' of the state-space model ({@code
 * org.varl.models.ssm.SsmConfig#architecture}).
 */
public enum Architecture {
  /**
   * {@code D -> hidden -> 2*latent} and {@code latent -> hidden -> D}, ReLU hidden units (PyTorch's
   * examples/vae).
   */
  MLP,
  /**
   * Two stride-2 4x4 convolutions (32, 64 channels) down, two upsample + 3x3 convolutions up; needs
   * images.
   */
  CONV;

  /**
   * Parses {@code mlp|conv}; anything else is an {@link IllegalArgumentException} naming the value.
   */
  public static Architecture parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("arch must be mlp or conv, found '" + value + "'");
    }
  }

  /** Lower-case name used in configs and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
