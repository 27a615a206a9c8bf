package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.TensorViews;

/**
 * The convolutional encoder and decoder of images, as DJL blocks: the conv variant of the {@link
 * Vae} (wave 1) and the frame networks of the state-space model ({@code
 * org.varl.models.ssm.SequenceModel} with the conv architecture). One definition, so the two models
 * cannot drift apart.
 *
 * <pre>
 *   encoder  x [N, C·H·W] → [N, C, H, W] → relu(conv_{4×4, s2, p1}, 32) → relu(conv_{4×4, s2, p1}, 64)
 *            → flatten [N, 64·H/4·W/4] → relu(Linear hidden) → Linear outputs            : [N, outputs]
 *   decoder  z [N, in] → relu(Linear hidden) → relu(Linear 64·H/4·W/4) → [N, 64, H/4, W/4]
 *            → up2 → relu(conv_{3×3, p1}, 32) → up2 → conv_{3×3, p1}, C → flatten      : [N, C·H·W]
 * </pre>
 *
 * up2 is 2x nearest-neighbour upsampling; the flat rows are row-major [C, H, W]. The input width of
 * each block is set by {@link Block#initialize} (the VAE: C·H·W and latent; the state-space model:
 * C·H·W and its feature size). Height and width must be divisible by 4 (two halvings, two
 * doublings).
 */
public final class ConvNets {

  /** Channels of the two convolutions; small on purpose, it is a teaching model. */
  public static final int CONV1 = 32;

  public static final int CONV2 = 64;

  private ConvNets() {}

  /**
   * The encoder {@code [N, C·H·W] -> [N, outputs]} (the VAE's head is {@code 2·latent} wide: [μ |
   * log σ²]).
   *
   * @throws IllegalArgumentException if height or width is not divisible by 4
   */
  public static SequentialBlock encoder(
      int channels, int height, int width, int hidden, int outputs) {
    requireImage(channels, height, width);
    Shape image = new Shape(-1, channels, height, width);
    return new SequentialBlock()
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(image))))
        .add(conv(CONV1))
        .add(ai.djl.nn.Activation.reluBlock())
        .add(conv(CONV2))
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(hidden).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Linear.builder().setUnits(outputs).build());
  }

  /**
   * The decoder {@code [N, in] -> [N, C·H·W]}: Bernoulli logits or a Gaussian mean per pixel.
   *
   * @throws IllegalArgumentException if height or width is not divisible by 4
   */
  public static SequentialBlock decoder(int channels, int height, int width, int hidden) {
    requireImage(channels, height, width);
    Shape grid = new Shape(-1, CONV2, height / 4, width / 4);
    return new SequentialBlock()
        .add(Linear.builder().setUnits(hidden).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Linear.builder().setUnits((long) CONV2 * (height / 4) * (width / 4)).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(grid))))
        .add(upsample())
        .add(sameConv(CONV1))
        .add(ai.djl.nn.Activation.reluBlock())
        .add(upsample())
        .add(sameConv(channels))
        .add(Blocks.batchFlattenBlock());
  }

  /**
   * @throws IllegalArgumentException naming the value if a size is not positive or height or width
   *     is not divisible by 4
   */
  public static void requireImage(int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "the conv networks need an image shape, found ["
              + channels
              + ", "
              + height
              + ", "
              + width
              + "]");
    }
    if (height % 4 != 0 || width % 4 != 0) {
      throw new IllegalArgumentException(
          "arch conv needs image height and width divisible by 4, found " + height + "x" + width);
    }
  }

  /**
   * Appends an initialized block's parameters, names prefixed (the VAE's {@code encoder/}, the
   * state-space model's {@code decoder.}), in DJL's order (each layer's weight, then its bias).
   */
  public static void collect(
      SequentialBlock block, String prefix, List<String> names, List<NDArray> arrays) {
    for (Pair<String, Parameter> e : block.getParameters()) {
      names.add(prefix + e.getKey());
      arrays.add(e.getValue().getArray());
    }
  }

  /**
   * PyTorch's default initialization of linear and convolutional layers, drawn in list order from
   * {@code random} (the generator of {@code org.varl.core.nn.Mlp}): U(−1/√fan_in, 1/√fan_in) for
   * weights and biases, fan_in = {@code shape[1] · prod(shape[2:])} of the layer's weight.
   */
  public static void initialize(List<NDArray> params, SplittableRandom random) {
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
}
