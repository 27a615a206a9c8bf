package org.varl.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable data set of {@code size} rows of {@code dimension} floats, stored row-major in one
 * array, with optional integer class labels, optional generative factors and an optional image
 * shape.
 *
 * <p>Layout: row {@code i} occupies {@code features()[i * dimension .. (i + 1) * dimension)}. When
 * the rows are images, {@link #imageShape()} is {@code {height, width}} and pixel {@code (r, c)} of
 * a row is at {@code r * width + c}.
 *
 * <p>Ownership: the factories copy what they are given, and {@link #features()} returns the
 * internal array without a copy, so that a 60,000 x 784 data set is not duplicated per read.
 * Callers must treat that array as read-only; writing into it is a contract violation that silently
 * changes the data set. Everything else returned here ({@link #row}, {@link #labels}, {@link
 * #factors}, {@link #imageShape}) is a fresh copy.
 */
public final class ArrayDataset {

  private final String name;
  private final int size;
  private final int dimension;
  private final float[] features;
  private final int[] labels;
  private final List<String> factorNames;
  private final double[][] factors;
  private final int[] imageShape;

  /** Takes ownership of the arrays; every public path copies before calling this. */
  private ArrayDataset(
      String name,
      int dimension,
      float[] features,
      int[] labels,
      List<String> factorNames,
      double[][] factors,
      int[] imageShape) {
    this.name = name;
    this.dimension = dimension;
    this.features = features;
    this.size = features.length / dimension;
    this.labels = labels;
    this.factorNames = factorNames;
    this.factors = factors;
    this.imageShape = imageShape;
  }

  /**
   * A data set of {@code features.length / dimension} rows, without labels, factors or image shape.
   *
   * @param name shown in messages and stored by models (e.g. the {@code --data} spec)
   * @param features row-major values, copied
   * @param dimension values per row, at least 1; must divide {@code features.length}
   */
  public static ArrayDataset of(String name, float[] features, int dimension) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, found " + dimension);
    }
    if (features.length % dimension != 0) {
      throw new IllegalArgumentException(
          "features length " + features.length + " is not a multiple of dimension " + dimension);
    }
    return new ArrayDataset(name, dimension, features.clone(), null, List.of(), null, new int[0]);
  }

  /**
   * Package-internal factory that takes ownership of {@code features} (loaders build it freshly).
   */
  static ArrayDataset wrap(String name, float[] features, int dimension) {
    return new ArrayDataset(name, dimension, features, null, List.of(), null, new int[0]);
  }

  /** A copy of this data set with class labels, one per row (copied). */
  public ArrayDataset withLabels(int[] labels) {
    Objects.requireNonNull(labels, "labels");
    if (labels.length != size) {
      throw new IllegalArgumentException(
          "labels length " + labels.length + " does not match size " + size);
    }
    return new ArrayDataset(
        name, dimension, features, labels.clone(), factorNames, factors, imageShape);
  }

  /**
   * A copy of this data set with generative factors: {@code factors[i][j]} is factor {@code
   * names.get(j)} of row {@code i} (copied).
   */
  public ArrayDataset withFactors(List<String> names, double[][] factors) {
    List<String> n = List.copyOf(names);
    Objects.requireNonNull(factors, "factors");
    if (factors.length != size) {
      throw new IllegalArgumentException(
          "factors has " + factors.length + " rows, expected size " + size);
    }
    double[][] copy = new double[size][];
    for (int i = 0; i < size; i++) {
      if (factors[i].length != n.size()) {
        throw new IllegalArgumentException(
            "factors row "
                + i
                + " has "
                + factors[i].length
                + " values, expected "
                + n.size()
                + " "
                + n);
      }
      copy[i] = factors[i].clone();
    }
    return new ArrayDataset(name, dimension, features, labels, n, copy, imageShape);
  }

  /**
   * A copy of this data set whose rows are images of {@code height x width} (= dimension) pixels.
   */
  public ArrayDataset withImageShape(int height, int width) {
    if (height < 1 || width < 1 || (long) height * width != dimension) {
      throw new IllegalArgumentException(
          "image shape " + height + "x" + width + " does not fit data dimension " + dimension);
    }
    return new ArrayDataset(
        name, dimension, features, labels, factorNames, factors, new int[] {height, width});
  }

  /** A copy of this data set under another name. */
  public ArrayDataset withName(String newName) {
    return new ArrayDataset(
        Objects.requireNonNull(newName, "name"),
        dimension,
        features,
        labels,
        factorNames,
        factors,
        imageShape);
  }

  /** Number of rows. */
  public int size() {
    return size;
  }

  /** Number of values per row. */
  public int dimension() {
    return dimension;
  }

  /**
   * The row-major feature array {@code [size * dimension]}, NOT copied: read-only by contract (see
   * class doc).
   */
  public float[] features() {
    return features;
  }

  /** A copy of row {@code i}. */
  public float[] row(int i) {
    checkIndex(i, "row");
    return Arrays.copyOfRange(features, i * dimension, (i + 1) * dimension);
  }

  /**
   * Gathers the rows {@code indices} into {@code dest} (row-major, {@code indices.length *
   * dimension} values) and returns it; lets a training loop reuse one buffer per batch instead of
   * allocating.
   */
  public float[] gather(int[] indices, float[] dest) {
    if (dest.length < indices.length * dimension) {
      throw new IllegalArgumentException(
          "dest has length "
              + dest.length
              + ", needs "
              + indices.length * dimension
              + " for "
              + indices.length
              + " rows of "
              + dimension);
    }
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= size) {
        throw new IllegalArgumentException(
            "index "
                + i
                + " at position "
                + k
                + " is outside [0, "
                + size
                + ") of data set "
                + name);
      }
      System.arraycopy(features, i * dimension, dest, k * dimension, dimension);
    }
    return dest;
  }

  /** A copy of the class labels, one per row, when the data set has them. */
  public Optional<int[]> labels() {
    return labels == null ? Optional.empty() : Optional.of(labels.clone());
  }

  /**
   * The class label of row {@code i}; throws {@link IllegalStateException} when there are no
   * labels.
   */
  public int label(int i) {
    if (labels == null) {
      throw new IllegalStateException("data set " + name + " has no labels");
    }
    checkIndex(i, "row");
    return labels[i];
  }

  /**
   * Names of the generative factors (e.g. shape, scale, rotation, x, y for {@code shapes}); empty
   * otherwise.
   */
  public List<String> factorNames() {
    return factorNames;
  }

  /** A copy of the generative factors {@code [size][factorNames().size()]}, when known. */
  public Optional<double[][]> factors() {
    if (factors == null) {
      return Optional.empty();
    }
    double[][] copy = new double[size][];
    for (int i = 0; i < size; i++) {
      copy[i] = factors[i].clone();
    }
    return Optional.of(copy);
  }

  /** {@code {height, width}} when the rows are images, an empty array otherwise (never null). */
  public int[] imageShape() {
    return imageShape.clone();
  }

  /** Whether rows are images, i.e. {@link #imageShape()} is non-empty. */
  public boolean isImage() {
    return imageShape.length > 0;
  }

  /** The data set's name, e.g. its {@code --data} spec. */
  public String name() {
    return name;
  }

  /**
   * The rows {@code indices}, in that order (repeats allowed), with their labels and factors; same
   * name and image shape.
   */
  public ArrayDataset subset(int[] indices) {
    Objects.requireNonNull(indices, "indices");
    float[] f = gather(indices, new float[indices.length * dimension]);
    int[] l = null;
    if (labels != null) {
      l = new int[indices.length];
      for (int k = 0; k < indices.length; k++) {
        l[k] = labels[indices[k]];
      }
    }
    double[][] fa = null;
    if (factors != null) {
      fa = new double[indices.length][];
      for (int k = 0; k < indices.length; k++) {
        fa[k] = factors[indices[k]].clone();
      }
    }
    return new ArrayDataset(name, dimension, f, l, factorNames, fa, imageShape);
  }

  /**
   * Checks that rows have {@code expected} values, e.g. {@code requireDimension(784, "the model's
   * input")}.
   *
   * @throws IllegalArgumentException one line: {@code data dimension 10 (csv:x.csv) does not fit
   *     the model's input 784}
   */
  public ArrayDataset requireDimension(int expected, String what) {
    if (dimension != expected) {
      throw new IllegalArgumentException(
          "data dimension " + dimension + " (" + name + ") does not fit " + what + " " + expected);
    }
    return this;
  }

  private void checkIndex(int i, String what) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          what + " " + i + " is outside [0, " + size + ") of data set " + name);
    }
  }

  @Override
  public String toString() {
    return "ArrayDataset["
        + name
        + ", size="
        + size
        + ", dimension="
        + dimension
        + (labels != null ? ", labels" : "")
        + (factors != null ? ", factors=" + factorNames : "")
        + (imageShape.length > 0 ? ", image=" + imageShape[0] + "x" + imageShape[1] : "")
        + "]";
  }
}
