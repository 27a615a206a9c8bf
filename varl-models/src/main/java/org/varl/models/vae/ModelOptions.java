package org.varl.models.vae;

/**
 * The user's choice of model before the data is known; {@link #resolve(int[], int)} fixes the input
 * shape.
 *
 * @param architecture encoder/decoder family
 * @param likelihood observation model
 * @param hidden hidden-layer width
 * @param latent dimension of z
 * @param observationScale fixed standard deviation of the Gaussian likelihood
 */
public record ModelOptions(
    Architecture architecture,
    Likelihood likelihood,
    int hidden,
    int latent,
    double observationScale) {

  /**
   * MLP, Bernoulli, 400 hidden units, 20 latent dimensions (PyTorch's examples/vae); Gaussian scale
   * 0.1.
   */
  public static ModelOptions defaults() {
    return new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 400, 20, 0.1);
  }

  /**
   * The full config for data whose rows have {@code dimension} values and the given image shape
   * ({@code {h, w}}, or empty for flat data).
   */
  public VaeConfig resolve(int[] imageShape, int dimension) {
    int[] shape = imageShape.length == 0 ? new int[] {dimension} : imageShape;
    VaeConfig config =
        VaeConfig.forShape(architecture, likelihood, hidden, latent, observationScale, shape);
    if (config.inputDim() != dimension) {
      throw new IllegalArgumentException(
          "data dimension "
              + dimension
              + " does not fit image shape "
              + java.util.Arrays.toString(imageShape));
    }
    return config;
  }
}
