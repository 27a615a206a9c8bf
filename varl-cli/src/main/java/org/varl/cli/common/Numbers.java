package org.varl.cli.common;

import java.util.Locale;

/**
 * The one number format of printed summaries: six significant digits, like C's {@code %.6g} without
 * its trailing zeros; plain notation for 1e-4 <= |x| < 1e6 and scientific outside, so 1e-300 reads
 * {@code 1e-300} (not {@code 0.00}) and 1e300 reads {@code 1e+300} (not 301 digits). Zero (also
 * -0.0) is {@code 0}; NaN and infinities are Java's words. Tables with fixed columns keep their own
 * widths; one-line summaries ("wrote x: ... residual=...") use this.
 */
public final class Numbers {

  private Numbers() {}

  /** {@code x} in six significant digits, trailing zeros dropped. */
  public static String format(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return Double.toString(x);
    }
    if (x == 0) {
      return "0";
    }
    double a = Math.abs(x);
    if (a >= 1e-4 && a < 1e6) {
      // %.6g picks plain notation in this range; BigDecimal-free trailing-zero strip.
      String s = String.format(Locale.ROOT, "%.6g", x);
      if (s.indexOf('e') < 0) { // 999999.7 rounds to 1.00000e+06: scientific below
        return s.indexOf('.') < 0 ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
    }
    String s = String.format(Locale.ROOT, "%.5e", x);
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    String exponent = s.substring(e + 1);
    // Java writes e-300 and e+07; keep the sign, drop leading zeros of the exponent.
    char sign = exponent.charAt(0);
    String digits = exponent.substring(1).replaceFirst("^0+(?=\\d)", "");
    return mantissa + "e" + sign + digits;
  }
}
