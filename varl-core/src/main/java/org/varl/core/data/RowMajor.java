package org.varl.core.data;

/**
 * Checks of row-major training arrays ({@code float[]} holding {@code rows × columns} values), the
 * form the trainers of varl-models take their data in.
 */
public final class RowMajor {

  private RowMajor() {}

  /**
   * The number of rows of {@code values} read as {@code [rows, columns]}, after checking that it
   * holds a positive multiple of {@code columns} finite values.
   *
   * @throws IllegalArgumentException naming {@code name}, the index {@code [row, column]} and the
   *     value of the first non-finite entry, or the length that does not fit
   */
  public static int rows(String name, float[] values, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException(name + " columns must be >= 1, found " + columns);
    }
    if (values.length == 0 || values.length % columns != 0) {
      throw new IllegalArgumentException(
          name
              + " must hold a positive multiple of "
              + columns
              + " values, found "
              + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name
                + " must be finite, found "
                + values[i]
                + " at index ["
                + (i / columns)
                + ", "
                + (i % columns)
                + "]");
      }
    }
    return values.length / columns;
  }
}
