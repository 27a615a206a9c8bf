package org.varl.experiments;

/** The validations the experiments' config records share; messages name the field and the value. */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** {@code value >= min}, or "NAME must be >= MIN, found VALUE". */
  public static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", found " + value);
    }
  }

  /** {@code value <= max}, or "NAME must be <= MAX (WHY), found VALUE". */
  public static void requireAtMost(String name, long value, long max, String why) {
    if (value > max) {
      throw new IllegalArgumentException(
          name + " must be <= " + max + " (" + why + "), found " + value);
    }
  }
}
