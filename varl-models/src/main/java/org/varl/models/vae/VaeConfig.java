package org.varl.models.vae;

import java.util.Arrays;

/**
 * The shape of a VAE: architecture, likelihood, layer widths and the data it reads.
 *
 * <p>{@code inputDim = channels * height * width}; x is always passed flat, {@code [batch,
 * inputDim]}, and the convolutional variant reshapes it to {@code [batch, channels, height, width]}
 * itself. For non-image data (CSV) the image shape is {@code [1, 1, inputDim]}.
 *
 * @param architecture encoder/decoder family
 * @param likelihood observation model
 * @param hidden width of the hidden layer (MLP) or of the fully connected layer next to the latent
 *     (conv: unused)
 * @param latent dimension of z
 * @param observationScale the fixed standard deviation s of the Gaussian likelihood (ignored for
 *     Bernoulli)
 * @param channels image channels
 * @param height image height
 * @param width image width
 */
public record VaeConfig(
    Architecture architecture,
    Likelihood likelihood,
    int hidden,
    int latent,
    double observationScale,
    int channels,
    int height,
    int width) {

  /** Largest hidden width or latent dimension accepted. */
  public static final int MAX_WIDTH = 1 << 16;

  /** Validates every field; messages name the field and the value. */
  public VaeConfig {
    if (architecture == null) {
      throw new IllegalArgumentException("arch must be given");
    }
    if (likelihood == null) {
      throw new IllegalArgumentException("likelihood must be given");
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
    }
    if (latent < 1) {
      throw new IllegalArgumentException("latent must be >= 1, found " + latent);
    }
    if (!(observationScale > 0) || Double.isInfinite(observationScale)) {
      throw new IllegalArgumentException(
          "observation scale must be > 0 and finite, found " + observationScale);
    }
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, found [" + channels + ", " + height + ", " + width + "]");
    }
    // Every weight matrix must fit a Java array (the optimizer keeps its moments there): input x
    // hidden and
    // hidden x latent entries below 2^31.
    long input = (long) channels * height * width;
    if ((long) hidden * Math.max(input, latent) > Integer.MAX_VALUE
        || (long) hidden > MAX_WIDTH
        || latent > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "hidden "
              + hidden
              + " and latent "
              + latent
              + " make a weight matrix of "
              + "more than 2^31 entries (at most "
              + MAX_WIDTH
              + " each, and hidden x input dimension "
              + input
              + " below 2^31)");
    }
    if (architecture == Architecture.CONV && (height % 4 != 0 || width % 4 != 0)) {
      throw new IllegalArgumentException(
          "arch conv needs image height and width divisible by 4, found "
              + height
              + "x"
              + width
              + " (use --arch mlp for this data)");
    }
  }

  /** PyTorch's examples/vae: MLP 784-400-20-400-784 with a Bernoulli decoder, on 28x28 images. */
  public static VaeConfig defaults() {
    return new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 400, 20, 0.1, 1, 28, 28);
  }

  /**
   * Builds the config for data of the given image shape ({@code [c, h, w]}, or {@code [d]} for flat
   * data).
   */
  public static VaeConfig forShape(
      Architecture arch,
      Likelihood likelihood,
      int hidden,
      int latent,
      double observationScale,
      int[] imageShape) {
    int[] chw =
        switch (imageShape.length) {
          case 1 -> new int[] {1, 1, imageShape[0]};
          case 2 -> new int[] {1, imageShape[0], imageShape[1]};
          case 3 -> imageShape.clone();
          default ->
              throw new IllegalArgumentException(
                  "image shape must have 1 to 3 dimensions, found " + Arrays.toString(imageShape));
        };
    return new VaeConfig(
        arch, likelihood, hidden, latent, observationScale, chw[0], chw[1], chw[2]);
  }

  /** D, the number of coordinates of x. */
  public int inputDim() {
    return channels * height * width;
  }

  /**
   * True for the configuration trained by the hand-derived backward pass ({@link
   * MlpBernoulliStep}); the estimator must also be pathwise, which the trainer checks.
   */
  public boolean hasAnalyticBackward() {
    return architecture == Architecture.MLP && likelihood == Likelihood.BERNOULLI;
  }
}
