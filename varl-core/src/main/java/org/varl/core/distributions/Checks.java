package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.DoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Parameter validation shared by the distributions. The common case (valid parameters) costs one or
 * two reductions on the device and scalar reads; only on failure are values copied to the host to
 * locate the first offending index. Messages name the parameter, its shape and an offending value
 * with its index, e.g. {@code "scale must be > 0, found -0.3 at index [17, 2] (scale shape (32,
 * 4))"}.
 */
final class Checks {

  private Checks() {}

  /** Every entry finite (no NaN, no ±inf). */
  static void requireFinite(String name, NDArray a) {
    // Fast path: the sum is finite iff no entry is NaN or ±inf (barring overflow of huge finite
    // entries, which
    // falls through to the exact elementwise check).
    if (Float.isFinite(reduce(a, NDArray::sum))) {
      return;
    }
    check(v -> name + " must be finite", name, a, x -> x.isNaN().logicalOr(x.isInfinite()));
  }

  /** Every entry finite and strictly positive. */
  static void requirePositive(String name, NDArray a) {
    // Fast path: min (NaN-propagating) > 0 and a finite sum mean every entry is finite and
    // positive.
    if (reduce(a, NDArray::min) > 0 && Float.isFinite(reduce(a, NDArray::sum))) {
      return;
    }
    check(
        v -> Double.isFinite(v) ? name + " must be > 0" : name + " must be finite and > 0",
        name,
        a,
        x -> x.isNaN().logicalOr(x.isInfinite()).logicalOr(x.lte(0f)));
  }

  /** Every entry not NaN (±inf allowed, e.g. logits of impossible categories). */
  static void requireNotNaN(String name, NDArray a) {
    // Fast path: a NaN sum needs a NaN entry or both infinities; only then look elementwise.
    if (!Float.isNaN(reduce(a, NDArray::sum))) {
      return;
    }
    check(v -> name + " must not be NaN", name, a, NDArray::isNaN);
  }

  /** No entry is {@code +inf} ({@code −inf} allowed: an impossible category). Assumes no NaN. */
  static void requireBelowPositiveInfinity(String name, NDArray a) {
    if (reduce(a, NDArray::max) < Float.POSITIVE_INFINITY) {
      return;
    }
    check(v -> name + " must be < +inf", name, a, x -> x.isInfinite().logicalAnd(x.gt(0f)));
  }

  /** Every entry a category index in {@code [0, k)}. */
  static void requireIndexRange(String name, NDArray a, long k) {
    if (reduce(a, NDArray::min) >= 0 && reduce(a, NDArray::max) < k) {
      return;
    }
    check(
        v -> name + " must be a category index in [0, " + k + ")",
        name,
        a,
        x -> {
          NDArray asFloat = x.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
          return asFloat.lt(0f).logicalOr(asFloat.gte((float) k));
        });
  }

  /** One scalar reduction of {@code a}, as float, computed in a scratch manager. */
  private static float reduce(NDArray a, UnaryOperator<NDArray> reduction) {
    if (a.isEmpty()) {
      return 1f;
    }
    try (NDManager scratch = a.getManager().newSubManager()) {
      scratch.tempAttachAll(a);
      return reduction.apply(a).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat();
    }
  }

  /**
   * Fails with {@code rule} if any entry of {@code badMask(a)} is true. The mask is computed in a
   * scratch manager, so a parameter living in a long-lived manager (a model's root) gains no
   * temporaries from being checked.
   */
  static void check(
      DoubleFunction<String> rule, String name, NDArray a, UnaryOperator<NDArray> badMask) {
    try (NDManager scratch = a.getManager().newSubManager()) {
      scratch.tempAttachAll(a);
      NDArray bad = badMask.apply(a);
      if (bad.any().getBoolean()) {
        throw offending(rule, name, a, bad);
      }
    }
  }

  static void requireSameShape(String nameA, NDArray a, String nameB, NDArray b) {
    if (!a.getShape().equals(b.getShape())) {
      throw new IllegalArgumentException(
          nameA
              + " and "
              + nameB
              + " must have the same shape, found "
              + nameA
              + " "
              + a.getShape()
              + " and "
              + nameB
              + " "
              + b.getShape());
    }
  }

  static void requireMinDimensions(String name, NDArray a, int min) {
    if (a.getShape().dimension() < min) {
      throw new IllegalArgumentException(
          name + " must have at least " + min + " dimension(s), found shape " + a.getShape());
    }
  }

  static void requirePositiveScalar(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, found " + value);
    }
  }

  /**
   * A value's trailing dimensions must broadcast against {@code batchShape ++ eventShape} (numpy
   * rules: aligned at the right, each pair equal or one of them 1).
   */
  static void requireBroadcastable(String what, Shape value, Shape batchAndEvent) {
    int n = Math.min(value.dimension(), batchAndEvent.dimension());
    for (int i = 1; i <= n; i++) {
      long v = value.get(value.dimension() - i);
      long p = batchAndEvent.get(batchAndEvent.dimension() - i);
      if (v != p && v != 1 && p != 1) {
        throw new IllegalArgumentException(
            what
                + " of shape "
                + value
                + " does not broadcast against batchShape ++ eventShape "
                + batchAndEvent);
      }
    }
  }

  /** The numpy broadcast of two shapes (callers have checked that they broadcast). */
  static Shape broadcast(Shape a, Shape b) {
    int n = Math.max(a.dimension(), b.dimension());
    long[] dims = new long[n];
    for (int i = 1; i <= n; i++) {
      long x = i <= a.dimension() ? a.get(a.dimension() - i) : 1;
      long y = i <= b.dimension() ? b.get(b.dimension() - i) : 1;
      dims[n - i] = x == 1 ? y : x;
    }
    return new Shape(dims);
  }

  private static IllegalArgumentException offending(
      DoubleFunction<String> rule, String name, NDArray a, NDArray bad) {
    boolean[] mask = bad.toBooleanArray();
    int flat = 0;
    while (flat < mask.length && !mask[flat]) {
      flat++;
    }
    float value = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()[flat];
    return new IllegalArgumentException(
        rule.apply(value)
            + ", found "
            + value
            + " at index "
            + Arrays.toString(unravel(flat, a.getShape()))
            + " ("
            + name
            + " shape "
            + a.getShape()
            + ")");
  }

  /** Row-major multi-index of a flat position. */
  static long[] unravel(long flat, Shape shape) {
    long[] index = new long[shape.dimension()];
    for (int d = shape.dimension() - 1; d >= 0; d--) {
      long size = shape.get(d);
      index[d] = flat % size;
      flat /= size;
    }
    return index;
  }

  static Shape concat(Shape a, Shape b) {
    return a.addAll(b);
  }
}
