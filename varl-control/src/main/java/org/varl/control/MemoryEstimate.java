package org.varl.control;

import java.util.Locale;

/**
 * Refuses an allocation that cannot fit before it is made (issue 9): a size is estimated from the
 * options and compared with the heap limit, Runtime.maxMemory(), so that {@code "states":
 * 1000000000} or {@code --horizon 2147483647} end in one line rather than in an OutOfMemoryError.
 */
public final class MemoryEstimate {
  /** Java array header, rounded up: a double[n] takes 16 + 8n bytes. */
  static final long ARRAY_HEADER = 16;

  private MemoryEstimate() {}

  /**
   * Throws IllegalArgumentException "field: value needs an estimated X of memory for what, above
   * the heap limit of Y (Runtime.maxMemory())" when {@code bytes} exceeds the heap limit.
   */
  public static void check(String field, Object value, double bytes, String what) {
    long limit = Runtime.getRuntime().maxMemory();
    if (bytes > limit) {
      throw new IllegalArgumentException(
          field
              + ": "
              + value
              + " needs an estimated "
              + format(bytes)
              + " for "
              + what
              + ", above the heap limit of "
              + format(limit)
              + " (Runtime.maxMemory()); reduce it or raise -Xmx");
    }
  }

  /** Bytes of {@code arrays} arrays of {@code length} doubles (8 bytes each) or ints (4). */
  static double arrays(double arrays, double length, int elementBytes) {
    return arrays * (ARRAY_HEADER + length * elementBytes);
  }

  static String format(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u + 1 < units.length) {
      bytes /= 1024;
      u++;
    }
    return u == 0
        ? String.format(Locale.ROOT, "%.0f bytes", bytes)
        : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
  }
}
