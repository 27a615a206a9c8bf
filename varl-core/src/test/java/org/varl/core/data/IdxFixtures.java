package org.varl.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small IDX files for the tests, byte by byte as the format describes, so the reader is
 * checked against it.
 */
final class IdxFixtures {

  private IdxFixtures() {}

  /** The bytes of an image file: magic, count, rows, cols, then the pixels. */
  static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
    b.putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels);
    return b.array();
  }

  /** The bytes of a label file: magic, count, then the labels. */
  static byte[] labels(int magic, int count, byte[] labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(magic).putInt(count).put(labels);
    return b.array();
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] content) {
    try {
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pixel bytes {@code (7 * k + 3) mod 256}: every value differs from its neighbours and all 256
   * occur.
   */
  static byte[] pattern(int n) {
    byte[] p = new byte[n];
    for (int k = 0; k < n; k++) {
      p[k] = (byte) ((7 * k + 3) % 256);
    }
    return p;
  }

  /**
   * A complete small MNIST-like directory: {@code nTrain} and {@code nTest} images of {@code rows x
   * cols}, labels {@code k mod 10}; gzipped or raw.
   */
  static void mnistDir(Path dir, int nTrain, int nTest, int rows, int cols, boolean gzip) {
    writePart(dir, "train", nTrain, rows, cols, gzip);
    writePart(dir, "t10k", nTest, rows, cols, gzip);
  }

  private static void writePart(Path dir, String prefix, int n, int rows, int cols, boolean gzip) {
    byte[] labels = new byte[n];
    for (int k = 0; k < n; k++) {
      labels[k] = (byte) (k % 10);
    }
    byte[] img = images(IdxReader.IMAGES_MAGIC, n, rows, cols, pattern(n * rows * cols));
    byte[] lab = labels(IdxReader.LABELS_MAGIC, n, labels);
    String ext = gzip ? ".gz" : "";
    write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gzip ? gzip(img) : img);
    write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gzip ? gzip(lab) : lab);
  }
}
