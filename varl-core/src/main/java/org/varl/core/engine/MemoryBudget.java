package org.varl.core.engine;

import java.util.Locale;

/**
 * Refuses an allocation that cannot fit before it is made (issue 9), for the modules on DJL; the
 * plain-Java control module has the same rule in {@code org.varl.control.MemoryEstimate}. A size is
 * estimated from the options (bytes of the arrays and tensors the run would hold at once) and
 * compared with the heap limit, {@code Runtime.maxMemory()}, so that {@code --shapes-count 1000000}
 * or {@code --points 2000000000} end in one line instead of an OutOfMemoryError or an engine
 * exception.
 *
 * <p>The limit is the JVM's heap limit also for native tensors: the engine's memory is not bounded
 * by the JVM, but a run whose tensors exceed the heap a user gave it is almost always a mistake in
 * an option, and {@code -Xmx} is the one knob that raises both.
 *
 * <p>Use: {@code MemoryBudget.check("points", n, MemoryBudget.floats(n * dim), "the data")}. The
 * {@code field} is the config field or option; the CLI prints the option's name in its place.
 */
public final class MemoryBudget {

  private MemoryBudget() {}

  /** Bytes of {@code count} 4-byte values (float32 tensors, float[] and int[] arrays). */
  public static double floats(double count) {
    return 4 * count;
  }

  /** Bytes of {@code count} 8-byte values (double[] arrays, float64 tensors). */
  public static double doubles(double count) {
    return 8 * count;
  }

  /** The heap limit the estimates are compared with: {@code Runtime.maxMemory()}. */
  public static long limit() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * Throws IllegalArgumentException {@code "field: value needs an estimated X for what, above the
   * heap limit of Y (Runtime.maxMemory()); reduce it or raise -Xmx"} when {@code bytes} exceeds
   * {@link #limit()} (or is not finite).
   */
  public static void check(String field, Object value, double bytes, String what) {
    long limit = limit();
    if (!(bytes <= limit)) {
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

  /** "812 bytes", "3.5 GiB": binary units, one decimal. */
  public static String format(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
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
