package org.varl.cli.rl;

import java.util.regex.Pattern;

/**
 * Strict parsing of a number typed by a user: a finite decimal as Python's and NumPy's readers
 * write it, {@code [+-]digits[.digits][(e|E)[+-]digits]} (or {@code .5}, {@code 5.}). Java's {@code
 * Double.parseDouble} also takes {@code 1f}, {@code 2d}, {@code 0x1p3}, {@code NaN} and {@code
 * Infinity}; none of those is a number another tool would read the same way, so each is an error.
 */
final class Decimals {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private Decimals() {}

  /**
   * The value of {@code text}, or null when it is not a finite decimal (including one that
   * overflows the double range, such as {@code 1e400}).
   */
  static Double parse(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return null;
    }
    double v = Double.parseDouble(text);
    return Double.isFinite(v) ? v : null;
  }
}
