package org.varl.rl.agents;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.TensorViews;
import org.varl.core.nn.Activation;
import org.varl.rl.env.ImageShape;

/**
 * The convolutional image encoder of pixel SAC (SAC+AE's {@code PixelEncoder}, Yarats et al. 2019,
 * "Improving Sample Efficiency in Model-Free Reinforcement Learning from Images", appendix B; the
 * same network in DrQ and CURL):
 *
 * <pre>
 *   x: [n, C·H·W] (the flat observation, row-major [C, H, W], values in [0, 1]) → [n, C, H, W]
 *   h_1 = relu(conv_{3×3, stride 2}(x)),   h_l = relu(conv_{3×3, stride 1}(h_{l−1}))  l = 2 … L
 *   z   = tanh(LayerNorm(flatten(h_L) W_fcᵀ + b_fc)),   z: [n, features]
 * </pre>
 *
 * <p>The convolutions have no padding, so an extent s becomes ⌊(s − 3)/2⌋ + 1, then s − 2 per
 * further layer; 32×32 with two layers gives 15×15, then 13×13, and {@code flatten(h_L)} has {@code
 * filters · 13 · 13} = 5,408 values. Why two layers on 32×32 where SAC+AE has four on 84×84: the
 * last layer's receptive field is 7 pixels here, 15 there, about a fifth of the image in both
 * (7/32, 15/84), for half the convolution work of four layers. The tanh of the layer norm keeps the
 * features in (−1, 1) whatever the critic does to the scale of the last layer (SAC+AE, section 6).
 *
 * <p>Split as SAC+AE and DrQ split it: the convolutions ({@link #convolve}) and the projection head
 * (fc, LayerNorm, tanh: {@link #project}). The actor's encoder is {@link #withOwnHead}: the same
 * convolution arrays (SAC+AE's {@code copy_conv_weights_from}, a tie, not a copy) and a head of its
 * own; {@link SacAgent} trains the convolutions and the critic's head by the critic loss only.
 *
 * <p>Parameters: conv weights {@code [filters, in, 3, 3]}, biases {@code [filters]}, fc weight
 * {@code [features, flat]}, bias {@code [features]}, LayerNorm gain (ones) and shift (zeros) of
 * {@code [features]}, named {@code convs.l.weight}, {@code convs.l.bias}, {@code fc.weight}, {@code
 * fc.bias}, {@code ln.weight}, {@code ln.bias} in that (checkpoint) order. Initialization is
 * PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear}, U(−1/√fan_in, 1/√fan_in) for
 * weight and bias (fan_in = in · 3 · 3 for a convolution), drawn in Java in the order above (each
 * weight row-major, then its bias), so an encoder is a pure function of its generator. SAC+AE uses
 * orthogonal initializations instead; the default here keeps one rule with {@code Mlp}.
 */
public final class ConvEncoder {

  /** Kernel extent of every convolution (SAC+AE). */
  public static final int KERNEL = 3;

  /** LayerNorm's ε, PyTorch's default. */
  static final float LAYER_NORM_EPS = 1e-5f;

  private static final Shape FIRST_STRIDE = new Shape(2, 2);
  private static final Shape STRIDE = new Shape(1, 1);
  private static final Shape NO_PADDING = new Shape(0, 0);
  private static final Shape NO_DILATION = new Shape(1, 1);

  private final ImageShape image;
  private final ConvEncoderConfig config;
  private final int flat;
  private final List<NDArray> convParameters;
  private final List<NDArray> headParameters;
  private final Shape featureShape;

  private ConvEncoder(
      ImageShape image,
      ConvEncoderConfig config,
      int flat,
      List<NDArray> convParameters,
      List<NDArray> headParameters) {
    this.image = image;
    this.config = config;
    this.flat = flat;
    this.convParameters = List.copyOf(convParameters);
    this.headParameters = List.copyOf(headParameters);
    this.featureShape = new Shape(config.features());
  }

  /**
   * The spatial extents {@code [height, width]} after the convolutions of {@code config} on {@code
   * image}.
   *
   * @throws IllegalArgumentException if the image is too small for them (an extent below 1)
   */
  public static int[] outputExtent(ImageShape image, ConvEncoderConfig config) {
    int h = image.height();
    int w = image.width();
    for (int l = 0; l < config.layers(); l++) {
      if (h < KERNEL || w < KERNEL) {
        throw new IllegalArgumentException(
            "image "
                + image.height()
                + "x"
                + image.width()
                + " is too small for "
                + config.layers()
                + " 3x3 convolutions: "
                + h
                + "x"
                + w
                + " before layer "
                + l);
      }
      int stride = l == 0 ? 2 : 1;
      h = (h - KERNEL) / stride + 1;
      w = (w - KERNEL) / stride + 1;
    }
    return new int[] {h, w};
  }

  /** A new encoder in {@code manager}, drawn from {@code random} (see the class javadoc). */
  public static ConvEncoder create(
      NDManager manager, SplittableRandom random, ImageShape image, ConvEncoderConfig config) {
    int[] extent = outputExtent(image, config);
    List<NDArray> conv = new ArrayList<>();
    int in = image.channels();
    for (int l = 0; l < config.layers(); l++) {
      int fanIn = in * KERNEL * KERNEL;
      double bound = 1.0 / Math.sqrt(fanIn);
      conv.add(uniform(manager, random, bound, new Shape(config.filters(), in, KERNEL, KERNEL)));
      conv.add(uniform(manager, random, bound, new Shape(config.filters())));
      in = config.filters();
    }
    int flat = config.filters() * extent[0] * extent[1];
    List<NDArray> head = head(manager, random, flat, config.features());
    ConvEncoder e = new ConvEncoder(image, config, flat, conv, head);
    requireGradients(e.parameters(), true);
    return e;
  }

  /**
   * An encoder with this one's convolution arrays (shared, not copied: an update of one is an
   * update of both) and a new head drawn from {@code random} into {@code manager}: the actor's
   * encoder.
   */
  public ConvEncoder withOwnHead(NDManager manager, SplittableRandom random) {
    List<NDArray> head = head(manager, random, flat, config.features());
    requireGradients(head, true);
    return new ConvEncoder(image, config, flat, convParameters, head);
  }

  private static List<NDArray> head(
      NDManager manager, SplittableRandom random, int flat, int features) {
    double bound = 1.0 / Math.sqrt(flat);
    NDArray weight = uniform(manager, random, bound, new Shape(features, flat));
    NDArray bias = uniform(manager, random, bound, new Shape(features));
    NDArray gain = manager.ones(new Shape(features), DataType.FLOAT32);
    NDArray shift = manager.zeros(new Shape(features), DataType.FLOAT32);
    return List.of(weight, bias, gain, shift);
  }

  private static NDArray uniform(
      NDManager manager, SplittableRandom random, double bound, Shape shape) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    NDArray a = manager.zeros(shape, DataType.FLOAT32);
    TensorViews.write(a, values);
    return a;
  }

  private static void requireGradients(List<NDArray> parameters, boolean on) {
    for (NDArray p : parameters) {
      p.setRequiresGradient(on);
    }
  }

  /**
   * {@code flatten(h_L)}: {@code [n, flat]} from flat observations {@code x: [n, C·H·W]}, attached
   * to x's manager.
   */
  public NDArray convolve(NDArray x) {
    long n = x.getShape().get(0);
    if (x.getShape().dimension() != 2 || x.getShape().get(1) != image.size()) {
      throw new IllegalArgumentException(
          "encoder input must be [n, " + image.size() + "], found " + x.getShape());
    }
    NDArray h = x.reshape(n, image.channels(), image.height(), image.width());
    for (int l = 0; l < config.layers(); l++) {
      h =
          Conv2d.conv2d(
                  h,
                  convParameters.get(2 * l),
                  convParameters.get(2 * l + 1),
                  l == 0 ? FIRST_STRIDE : STRIDE,
                  NO_PADDING,
                  NO_DILATION,
                  1)
              .singletonOrThrow();
      h = Activation.RELU.apply(h);
    }
    return h.reshape(n, flat);
  }

  /**
   * {@code z = tanh(LayerNorm(h W_fcᵀ + b_fc))}: {@code [n, features]} from {@code h: [n, flat]}.
   */
  public NDArray project(NDArray h) {
    NDArray fc =
        h.getNDArrayInternal()
            .linear(h, headParameters.get(0), headParameters.get(1))
            .singletonOrThrow();
    return LayerNorm.layerNorm(
            fc, featureShape, headParameters.get(2), headParameters.get(3), LAYER_NORM_EPS)
        .singletonOrThrow()
        .tanh();
  }

  /** {@code z = project(convolve(x))}: {@code [n, features]}. */
  public NDArray forward(NDArray x) {
    return project(convolve(x));
  }

  /** Stops gradients to every parameter (a target encoder). */
  public void freeze() {
    requireGradients(parameters(), false);
  }

  /** The convolution weights and biases, layer by layer. */
  public List<NDArray> convParameters() {
    return convParameters;
  }

  /** fc weight, fc bias, LayerNorm gain, LayerNorm shift. */
  public List<NDArray> headParameters() {
    return headParameters;
  }

  /** The convolutions' parameters, then the head's. */
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>(convParameters);
    all.addAll(headParameters);
    return List.copyOf(all);
  }

  /** {@code convs.l.weight}, {@code convs.l.bias}, ..., in {@link #convParameters()} order. */
  public List<String> convParameterNames() {
    List<String> names = new ArrayList<>();
    for (int l = 0; l < config.layers(); l++) {
      names.add("convs." + l + ".weight");
      names.add("convs." + l + ".bias");
    }
    return List.copyOf(names);
  }

  /** {@code fc.weight}, {@code fc.bias}, {@code ln.weight}, {@code ln.bias}. */
  public List<String> headParameterNames() {
    return List.of("fc.weight", "fc.bias", "ln.weight", "ln.bias");
  }

  /** The names of {@link #parameters()}, in order. */
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>(convParameterNames());
    names.addAll(headParameterNames());
    return List.copyOf(names);
  }

  /** The image layout it reads. */
  public ImageShape imageShape() {
    return image;
  }

  /** The settings. */
  public ConvEncoderConfig config() {
    return config;
  }

  /** Output width, {@code features}. */
  public int features() {
    return config.features();
  }

  /** Width of {@code flatten(h_L)}. */
  public int flatSize() {
    return flat;
  }
}
