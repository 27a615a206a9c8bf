package org.varl.cli.common;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Grids of small grey-scale images (VAE samples, reconstructions, interpolations) as one PNG: image
 * {@code i} goes to row {@code i / columns}, column {@code i % columns}; pixel values in [0, 1]
 * (clamped), 0 black, 1 white; each pixel is drawn as a {@code zoom × zoom} block with a 1-pixel
 * grey gutter between images.
 */
public final class ImageGrids {

  private ImageGrids() {}

  /**
   * Saves {@code images[i]} (row-major {@code height × width}) as a grid PNG.
   *
   * @throws IllegalArgumentException if an image does not have {@code height × width} pixels
   */
  public static void save(
      Path png, float[][] images, int height, int width, int columns, int zoom) {
    Plots.savePng(render(images, height, width, columns, zoom), png);
  }

  /** Renders the grid without saving it. */
  public static BufferedImage render(
      float[][] images, int height, int width, int columns, int zoom) {
    if (images.length == 0 || columns < 1 || zoom < 1) {
      throw new IllegalArgumentException("image grid needs images, columns >= 1 and zoom >= 1");
    }
    int cols = Math.min(columns, images.length);
    int rows = (images.length + cols - 1) / cols;
    int cw = width * zoom + 1;
    int ch = height * zoom + 1;
    BufferedImage img = new BufferedImage(cols * cw + 1, rows * ch + 1, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, 0x808080);
      }
    }
    for (int i = 0; i < images.length; i++) {
      float[] im = images[i];
      if (im.length != height * width) {
        throw new IllegalArgumentException(
            "images[" + i + "] has " + im.length + " pixels, expected " + height + "x" + width);
      }
      int ox = 1 + (i % cols) * cw;
      int oy = 1 + (i / cols) * ch;
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          float v = Math.max(0f, Math.min(1f, im[r * width + c]));
          int grey = Math.round(v * 255);
          int rgb = (grey << 16) | (grey << 8) | grey;
          for (int dy = 0; dy < zoom; dy++) {
            for (int dx = 0; dx < zoom; dx++) {
              img.setRGB(ox + c * zoom + dx, oy + r * zoom + dy, rgb);
            }
          }
        }
      }
    }
    return img;
  }
}
