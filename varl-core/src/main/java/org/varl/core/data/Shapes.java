package org.varl.core.data;

import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * {@code shapes}: procedurally generated 28x28 binary sprites with known generative factors, in the
 * spirit of dSprites (Matthey et al. 2017), small enough to train a VAE on in seconds and check
 * whether its latent space holds the factors of variation.
 *
 * <p>Each sprite draws its five factors independently and uniformly:
 *
 * <pre>
 *   shape    in {0 = square, 1 = ellipse, 2 = triangle}      (also the class label)
 *   scale    in [0.5, 1.0]       circumradius R = scale * 8 pixels
 *   rotation in [0, pi/4] rad    counter-clockwise on screen
 *   x, y     in [9.5, 18.5]      centre in pixel coordinates: the frame spans [0, 28], pixel (r, c) has its centre
 *                                at (x, y) = (c + 0.5, r + 0.5), y grows downwards
 * </pre>
 *
 * Why these ranges: the centre range is the same for every scale (so the factors are independent)
 * and keeps the largest sprite's circumscribed circle at least 1.5 pixels inside the frame; the
 * rotation range is shorter than the smallest symmetry period (the square's pi/2) and avoids the
 * square's mirror ambiguity (rotations t and pi/2 - t give the same square), so every factor value
 * yields a distinct image and the factors are identifiable.
 *
 * <p>Rasterization is analytic: a pixel is 1 when its centre, moved into the sprite's frame {@code
 * u = c*dx + s*dy, v = -s*dx + c*dy} (with {@code dx, dy} the offset from the sprite centre, y
 * flipped up), passes the shape's test: square {@code max(|u|, |v|) <= R / sqrt 2}; ellipse {@code
 * (u / R)^2 + (v / (0.6 R))^2 <= 1}; equilateral triangle with its apex up, the intersection of the
 * three half-planes {@code n_k . (u, v) <= R / 2} whose outward normals point at angles -90, 30 and
 * 150 degrees.
 *
 * <p>Determinism: sprite {@code i} uses its own stream seeded by {@code (seed, i)}, so it is the
 * same whatever the total count, and generating 12000 sprites takes a few tens of milliseconds.
 */
public final class Shapes {

  /** Image side in pixels. */
  public static final int SIDE = 28;

  /** Factor names, in column order of {@link ArrayDataset#factors()}. */
  public static final List<String> FACTOR_NAMES = List.of("shape", "scale", "rotation", "x", "y");

  /** Shape ids, which are also the labels. */
  public static final int SQUARE = 0;

  /** Ellipse shape id. */
  public static final int ELLIPSE = 1;

  /** Triangle shape id. */
  public static final int TRIANGLE = 2;

  /** Names of the shape ids 0, 1, 2. */
  public static final List<String> SHAPE_NAMES = List.of("square", "ellipse", "triangle");

  /** Range of the scale factor. */
  public static final double MIN_SCALE = 0.5;

  /** Upper end of the scale factor. */
  public static final double MAX_SCALE = 1.0;

  /** Circumradius in pixels at scale 1. */
  public static final double MAX_RADIUS = 8.0;

  /** Upper end of the rotation factor, radians (lower end 0). */
  public static final double MAX_ROTATION = Math.PI / 4;

  /** Margin in pixels between the largest sprite's circumscribed circle and the frame. */
  private static final double MARGIN = 1.5;

  /** Lowest centre coordinate, pixels. */
  public static final double MIN_POSITION = MAX_RADIUS + MARGIN;

  /** Highest centre coordinate, pixels. */
  public static final double MAX_POSITION = SIDE - MAX_RADIUS - MARGIN;

  /** Ratio of the ellipse's minor to major semi-axis. */
  private static final double ELLIPSE_ASPECT = 0.6;

  private Shapes() {}

  /** Most sprites generated at once: 2,000,000 x 784 floats (6.3 GB) stay within one Java array. */
  public static final int MAX_COUNT = 2_000_000;

  /**
   * {@code count} sprites generated from {@code seed}: features {@code [count][784]} in {0, 1},
   * labels = shape ids, factors {@link #FACTOR_NAMES}, image shape 28x28, named {@code shapes}.
   */
  public static ArrayDataset generate(int count, long seed) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "shapesCount must be in [0, " + MAX_COUNT + "], found " + count);
    }
    int d = SIDE * SIDE;
    float[] pixels = new float[count * d];
    int[] labels = new int[count];
    double[][] factors = new double[count][];
    for (int i = 0; i < count; i++) {
      SplittableRandom random = NoiseStream.generator(seed, Streams.DATA, i);
      int shape = random.nextInt(3);
      double scale = MIN_SCALE + (MAX_SCALE - MIN_SCALE) * random.nextDouble();
      double rotation = MAX_ROTATION * random.nextDouble();
      double x = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * random.nextDouble();
      double y = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * random.nextDouble();
      render(shape, scale, rotation, x, y, pixels, i * d);
      labels[i] = shape;
      factors[i] = new double[] {shape, scale, rotation, x, y};
    }
    return ArrayDataset.wrap("shapes", pixels, d)
        .withImageShape(SIDE, SIDE)
        .withLabels(labels)
        .withFactors(FACTOR_NAMES, factors);
  }

  /** One 28x28 sprite with the given factors, as 784 values in {0, 1}. */
  public static float[] render(int shape, double scale, double rotation, double x, double y) {
    float[] out = new float[SIDE * SIDE];
    render(shape, scale, rotation, x, y, out, 0);
    return out;
  }

  private static void render(
      int shape, double scale, double rotation, double x, double y, float[] out, int offset) {
    if (shape < 0 || shape > 2) {
      throw new IllegalArgumentException(
          "shape must be 0 (square), 1 (ellipse) or 2 (triangle), found " + shape);
    }
    double r = scale * MAX_RADIUS;
    double c = Math.cos(rotation);
    double s = Math.sin(rotation);
    double half = r / Math.sqrt(2);
    double a2 = r * r;
    double b2 = (ELLIPSE_ASPECT * r) * (ELLIPSE_ASPECT * r);
    double inradius = r / 2;
    // Outward normals of the triangle's edges at -90, 30 and 150 degrees: the apex (at 90 degrees)
    // is opposite
    // the bottom edge.
    double n1x = Math.cos(Math.PI / 6);
    double n1y = Math.sin(Math.PI / 6);
    // Only pixels whose centres lie within the circumscribed circle's bounding box can be inside.
    int c0 = Math.max(0, (int) Math.floor(x - r - 1));
    int c1 = Math.min(SIDE - 1, (int) Math.ceil(x + r + 1));
    int r0 = Math.max(0, (int) Math.floor(y - r - 1));
    int r1 = Math.min(SIDE - 1, (int) Math.ceil(y + r + 1));
    for (int row = r0; row <= r1; row++) {
      double dy = y - (row + 0.5); // flipped: sprite frame's v axis points up on screen
      for (int col = c0; col <= c1; col++) {
        double dx = (col + 0.5) - x;
        double u = c * dx + s * dy;
        double v = -s * dx + c * dy;
        boolean inside;
        switch (shape) {
          case SQUARE -> inside = Math.abs(u) <= half && Math.abs(v) <= half;
          case ELLIPSE -> inside = u * u / a2 + v * v / b2 <= 1;
          default ->
              inside =
                  -v <= inradius && n1x * u + n1y * v <= inradius && -n1x * u + n1y * v <= inradius;
        }
        if (inside) {
          out[offset + row * SIDE + col] = 1f;
        }
      }
    }
  }
}
