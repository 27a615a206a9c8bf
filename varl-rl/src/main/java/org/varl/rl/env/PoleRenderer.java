package org.varl.rl.env;

/**
 * Draws the pole of Pendulum and CartPole as a grey image: a pure function of the physical state,
 * no randomness, no hidden state. A shape is a capsule (a segment with round caps) drawn with
 * analytic anti-aliasing: pixel (r, c), whose centre is p = (c + ½, r + ½) (y grows downwards),
 * gets the coverage
 *
 * <pre>
 *   v(p) = clip(w/2 + ½ − dist(p, segment AB), 0, 1)
 * </pre>
 *
 * (the fraction of a unit pixel inside a band of width w, in the approximation of a straight edge
 * through the pixel), the maximum over the shapes, rounded to a multiple of 1/255 so that a frame
 * stored as unsigned bytes reads back exactly.
 *
 * <ul>
 *   <li>Pendulum (θ = 0 upright, Gymnasium's convention): the pivot at the image centre, the bar to
 *       the tip pivot + L (sin θ, −cos θ) with L = 0.42 · size, width 0.09 · size (at least 1.5
 *       pixels). The angle is the direction from the pivot to the bar's intensity centroid.
 *   <li>CartPole: the cart as a horizontal bar at height 0.7 · size whose centre moves with x (x ∈
 *       [−2.4, 2.4] maps onto the middle 80% of the width), and the pole from the cart's centre at
 *       angle θ from the vertical, length 0.4 · size.
 * </ul>
 */
public final class PoleRenderer {

  private PoleRenderer() {}

  /** Pendulum's pole length as a fraction of the image side. */
  static final double PENDULUM_LENGTH = 0.42;

  /** The bar's width as a fraction of the image side. */
  static final double BAR_WIDTH = 0.09;

  /**
   * Renders {@code state} of the environment {@code id} ({@link Pendulum#ID} or {@link
   * CartPole#ID}) into {@code out[offset, offset + size²)}, row-major.
   *
   * @throws IllegalArgumentException for another environment or a state of the wrong length
   */
  public static void render(String id, double[] state, int size, double[] out, int offset) {
    double width = Math.max(1.5, BAR_WIDTH * size);
    if (id.equals(Pendulum.ID)) {
      requireLength(id, state, 2);
      double cx = size / 2.0;
      double cy = size / 2.0;
      double length = PENDULUM_LENGTH * size;
      double tx = cx + length * Math.sin(state[0]);
      double ty = cy - length * Math.cos(state[0]);
      capsules(size, out, offset, width, new double[] {cx, cy, tx, ty});
    } else if (id.equals(CartPole.ID)) {
      requireLength(id, state, 4);
      double scale = 0.8 * size / (2 * CartPole.X_THRESHOLD);
      double cartX = size / 2.0 + state[0] * scale;
      double cartY = 0.7 * size;
      double halfCart = 0.12 * size;
      double length = 0.4 * size;
      double tx = cartX + length * Math.sin(state[2]);
      double ty = cartY - length * Math.cos(state[2]);
      capsules(
          size,
          out,
          offset,
          width,
          new double[] {cartX - halfCart, cartY, cartX + halfCart, cartY, cartX, cartY, tx, ty});
    } else {
      throw new IllegalArgumentException(
          "no renderer for " + id + ": pixels exist for " + Pendulum.ID + " and " + CartPole.ID);
    }
  }

  /** A fresh frame of {@code state}: {@code size²} values in [0, 1]. */
  public static double[] render(String id, double[] state, int size) {
    double[] frame = new double[size * size];
    render(id, state, size, frame, 0);
    return frame;
  }

  private static void requireLength(String id, double[] state, int n) {
    if (state.length != n) {
      throw new IllegalArgumentException(
          id + " state must have " + n + " values, found " + state.length);
    }
  }

  /** Segments {@code (ax, ay, bx, by)} repeated, each a capsule of width {@code width}. */
  private static void capsules(int size, double[] out, int offset, double width, double[] seg) {
    double half = width / 2 + 0.5;
    for (int r = 0; r < size; r++) {
      double py = r + 0.5;
      for (int c = 0; c < size; c++) {
        double px = c + 0.5;
        double v = 0;
        for (int s = 0; s < seg.length; s += 4) {
          double d = distance(px, py, seg[s], seg[s + 1], seg[s + 2], seg[s + 3]);
          v = Math.max(v, Math.min(1.0, Math.max(0.0, half - d)));
        }
        // i / 255f, the value IdxReader reads back for byte i.
        out[offset + r * size + c] = Math.round(v * 255) / 255f;
      }
    }
  }

  /** Distance from p to the segment AB. */
  private static double distance(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
    t = Math.min(1, Math.max(0, t));
    double qx = ax + t * dx - px;
    double qy = ay + t * dy - py;
    return Math.sqrt(qx * qx + qy * qy);
  }
}
