package org.varl.core.data;

import java.util.regex.Pattern;

/**
 * The one strict parser of numbers written as text (CSV cells, command-line values): plain decimal
 * notation in ASCII only,
 *
 * <pre>
 *   [+-]? ( digits [. digits?] | . digits ) ( [eE] [+-]? digits )?
 * </pre>
 *
 * and, for integers, {@code [+-]? digits}. Java's own parsers accept more than a data file or an
 * option should mean: {@code Double.parseDouble} takes {@code 1f}, {@code 2d}, {@code 0x1p3},
 * {@code NaN}, {@code Infinity} and surrounding blanks; {@code Integer.parseInt} takes non-ASCII
 * digits such as {@code ٣}. Each of those is rejected here with {@link NumberFormatException} whose
 * message quotes the text; callers add the file, line and column or the option.
 */
public final class NumberText {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private NumberText() {}

  /** True when {@code text} is a plain decimal number (finite or overflowing to infinity). */
  public static boolean isDecimal(String text) {
    return text != null && DECIMAL.matcher(text).matches();
  }

  /**
   * The value of a plain decimal number; a literal too large for a double (1e400) parses to ±
   * infinity, as in Java, so that callers can say "not finite" rather than "not a number".
   */
  public static double parseDouble(String text) {
    if (!isDecimal(text)) {
      throw new NumberFormatException("not a decimal number: \"" + text + "\"");
    }
    return Double.parseDouble(text);
  }

  /** The value of {@code [+-]? digits} in the int range. */
  public static int parseInt(String text) {
    long v = parseLong(text);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new NumberFormatException(
          "integer out of range [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]: " + text);
    }
    return (int) v;
  }

  /** The value of {@code [+-]? digits} in the long range. */
  public static long parseLong(String text) {
    if (text == null || !INTEGER.matcher(text).matches()) {
      throw new NumberFormatException("not an integer: \"" + text + "\"");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new NumberFormatException(
          "integer out of range [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]: " + text);
    }
  }
}
