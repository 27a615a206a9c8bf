package org.varl.cli.common;

import org.varl.core.data.NumberText;
import picocli.CommandLine;

/**
 * Numeric option values are parsed by the project's one strict number parser ({@link NumberText}),
 * not by Java's: {@code --temperature 1f}, {@code --lr 0x1p3}, {@code --samples ٣} and {@code
 * --tolerance Infinity} are usage errors. Doubles and floats must be finite (an infinite tolerance
 * would stop at once and report convergence; a NaN compares false with every bound). Registered
 * once on the root command line ({@link #register}), so every command, also a new one, gets it; an
 * option with its own {@code converter} keeps it.
 */
public final class NumberOptions {

  private NumberOptions() {}

  /** Registers the strict converters for int, long, float and double (boxed too). */
  public static CommandLine register(CommandLine cl) {
    CommandLine.ITypeConverter<Integer> ints = v -> convert(v, "an integer", NumberText::parseInt);
    CommandLine.ITypeConverter<Long> longs = v -> convert(v, "an integer", NumberText::parseLong);
    CommandLine.ITypeConverter<Double> doubles = NumberOptions::finiteDouble;
    CommandLine.ITypeConverter<Float> floats =
        v -> {
          double d = finiteDouble(v);
          if (Math.abs(d) > Float.MAX_VALUE) {
            throw new CommandLine.TypeConversionException(
                "'" + v + "' is outside the float range (|x| <= " + Float.MAX_VALUE + ")");
          }
          return (float) d;
        };
    cl.registerConverter(Integer.class, ints);
    cl.registerConverter(Integer.TYPE, ints);
    cl.registerConverter(Long.class, longs);
    cl.registerConverter(Long.TYPE, longs);
    cl.registerConverter(Double.class, doubles);
    cl.registerConverter(Double.TYPE, doubles);
    cl.registerConverter(Float.class, floats);
    cl.registerConverter(Float.TYPE, floats);
    return cl;
  }

  /** A finite plain decimal number, or TypeConversionException quoting the value. */
  public static double finiteDouble(String value) {
    if (value.strip().matches("(?i)[+-]?(nan|inf|infinity)")) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
    }
    double d = convert(value, "a decimal number", NumberText::parseDouble);
    if (!Double.isFinite(d)) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
    }
    return d;
  }

  private static <T> T convert(
      String value, String what, java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(value.strip());
    } catch (NumberFormatException e) {
      String reason =
          e.getMessage() != null && e.getMessage().contains("out of range")
              ? e.getMessage()
              : "'" + value + "' is not " + what + " (plain decimal notation)";
      throw new CommandLine.TypeConversionException(reason);
    }
  }
}
