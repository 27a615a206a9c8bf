package org.varl.rl.env;

/**
 * The layout of an image observation: {@code channels × height × width} grey values in [0, 1],
 * flattened row-major (channel, then row, then column) into the observation vector, as PyTorch's
 * {@code [C, H, W]} tensors are. For a frame stack the channels are the stacked frames, oldest
 * first (the SAC+AE convention).
 *
 * @param channels the number of channels (stacked frames), ≥ 1
 * @param height the image height in pixels, ≥ 1
 * @param width the image width in pixels, ≥ 1
 */
public record ImageShape(int channels, int height, int width) {

  /** Checks that every extent is positive. */
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, found channels="
              + channels
              + " height="
              + height
              + " width="
              + width);
    }
  }

  /** The length of the flattened observation, {@code channels · height · width}. */
  public int size() {
    return channels * height * width;
  }

  /** The number of pixels of one channel, {@code height · width}. */
  public int frameSize() {
    return height * width;
  }
}
