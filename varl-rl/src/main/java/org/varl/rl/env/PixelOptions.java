package org.varl.rl.env;

/**
 * How a pixel environment renders: square grey frames of {@code imageSize × imageSize} pixels and a
 * stack of the last {@code frameStack} of them as the observation (one frame holds the angle but
 * not the angular velocity). Defaults 32 and 3, as pixel-Pendulum practice and SAC+AE (Yarats et
 * al. 2019, frame stack 3) use.
 *
 * @param imageSize side of a frame in pixels, in [8, 256]
 * @param frameStack frames per observation, in [1, 16]
 */
public record PixelOptions(int imageSize, int frameStack) {

  /** The default side of a frame. */
  public static final int DEFAULT_IMAGE_SIZE = 32;

  /** The default number of stacked frames. */
  public static final int DEFAULT_FRAME_STACK = 3;

  /** Checks both bounds; the message names the option and the value. */
  public PixelOptions {
    if (imageSize < 8 || imageSize > 256) {
      throw new IllegalArgumentException("image-size must be in [8, 256], found " + imageSize);
    }
    if (frameStack < 1 || frameStack > 16) {
      throw new IllegalArgumentException("frame-stack must be in [1, 16], found " + frameStack);
    }
  }

  /** 32 × 32 frames, a stack of 3. */
  public static PixelOptions defaults() {
    return new PixelOptions(DEFAULT_IMAGE_SIZE, DEFAULT_FRAME_STACK);
  }

  /** With frames of {@code size × size} pixels. */
  public PixelOptions withImageSize(int size) {
    return new PixelOptions(size, frameStack);
  }

  /** With a stack of {@code k} frames. */
  public PixelOptions withFrameStack(int k) {
    return new PixelOptions(imageSize, k);
  }
}
