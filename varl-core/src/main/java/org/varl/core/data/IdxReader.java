package org.varl.core.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE of
 * handwritten digits"): a big-endian header {@code 0x00 0x00 type ndims}, then {@code ndims} int32
 * sizes, then the data. Only unsigned bytes ({@code type 0x08}) occur in these data sets: images
 * have magic number {@code 0x00000803} ({@code [count, rows, cols]}) and labels {@code 0x00000801}
 * ({@code [count]}).
 *
 * <p>Files may be gzipped or raw; gzip is recognized by its magic bytes {@code 0x1f 0x8b}, not by
 * the name. The file is read and inflated in bulk into one byte array, then converted with a
 * 256-entry table, so the 47 MB of Fashion-MNIST load in a fraction of a second.
 *
 * <p>Every inconsistency is a one-line {@link IllegalArgumentException} naming the file, the field
 * and the value, e.g. {@code t10k-images-idx3-ubyte.gz: magic number 0x00000000, expected
 * 0x00000803}.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  /**
   * {@code i / 255f} for every unsigned byte value, so conversion is one table look-up per pixel.
   */
  private static final float[] UNIT = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      UNIT[i] = i / 255f;
    }
  }

  private IdxReader() {}

  /**
   * Images of an IDX file: {@code count} images of {@code rows x cols} pixels, row-major, scaled to
   * [0, 1].
   *
   * @param count number of images
   * @param rows image height
   * @param cols image width
   * @param pixels {@code [count * rows * cols]} values {@code byte / 255}
   */
  public record Images(int count, int rows, int cols, float[] pixels) {}

  /** Reads an image file ({@code 0x00000803}), gzipped or raw; pixels scaled to [0, 1]. */
  public static Images readImages(Path file) {
    String name = String.valueOf(file.getFileName());
    byte[] bytes = readBytes(file);
    ByteBuffer header = header(name, bytes, 16, "image");
    checkMagic(name, header.getInt(0), IMAGES_MAGIC);
    int count = nonNegative(name, "image count", header.getInt(4));
    int rows = positive(name, "rows", header.getInt(8));
    int cols = positive(name, "columns", header.getInt(12));
    long expected = (long) count * rows * cols;
    long found = bytes.length - 16L;
    if (found != expected) {
      throw new IllegalArgumentException(
          name
              + ": "
              + count
              + " images of "
              + rows
              + "x"
              + cols
              + " need "
              + expected
              + " pixel bytes, found "
              + found
              + (found < expected ? " (truncated)" : ""));
    }
    float[] pixels = new float[(int) expected];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = UNIT[bytes[16 + i] & 0xFF];
    }
    return new Images(count, rows, cols, pixels);
  }

  /** Reads a label file ({@code 0x00000801}), gzipped or raw; labels are unsigned bytes 0..255. */
  public static int[] readLabels(Path file) {
    String name = String.valueOf(file.getFileName());
    byte[] bytes = readBytes(file);
    ByteBuffer header = header(name, bytes, 8, "label");
    checkMagic(name, header.getInt(0), LABELS_MAGIC);
    int count = nonNegative(name, "label count", header.getInt(4));
    long found = bytes.length - 8L;
    if (found != count) {
      throw new IllegalArgumentException(
          name
              + ": label count "
              + count
              + " needs "
              + count
              + " label bytes, found "
              + found
              + (found < count ? " (truncated)" : ""));
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = bytes[8 + i] & 0xFF;
    }
    return labels;
  }

  /**
   * Whether {@code bytes} start with the gzip magic {@code 0x1f 0x8b} (RFC 1952, section 2.3.1).
   */
  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
  }

  /** The whole file, inflated when it is gzipped. */
  static byte[] readBytes(Path file) {
    String name = String.valueOf(file.getFileName());
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (!isGzip(raw)) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
      return in.readAllBytes();
    } catch (EOFException | ZipException e) {
      throw new IllegalArgumentException(
          name + ": corrupt gzip stream (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer header(String name, byte[] bytes, int headerBytes, String kind) {
    if (bytes.length < headerBytes) {
      throw new IllegalArgumentException(
          name
              + ": file length "
              + bytes.length
              + " bytes is shorter than the "
              + headerBytes
              + "-byte IDX "
              + kind
              + " header");
    }
    return ByteBuffer.wrap(bytes, 0, headerBytes); // big-endian by default, as IDX is
  }

  private static void checkMagic(String name, int magic, int expected) {
    if (magic != expected) {
      throw new IllegalArgumentException(
          String.format("%s: magic number 0x%08x, expected 0x%08x", name, magic, expected));
    }
  }

  private static int nonNegative(String name, String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + field + " " + value + ", expected >= 0");
    }
    return value;
  }

  private static int positive(String name, String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": " + field + " " + value + ", expected >= 1");
    }
    return value;
  }
}
