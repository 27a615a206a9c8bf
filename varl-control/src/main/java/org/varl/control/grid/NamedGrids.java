package org.varl.control.grid;

import java.util.Locale;

/**
 * The gridworlds a command can name ({@code --grid NAME}), each built with a given slip p:
 *
 * <ul>
 *   <li>{@code slippery-N}, N in [2, {@value #MAX_SIZE}]: the benchmark peer's N x N slippery grid
 *       ({@link SlipperyGridworld}: lava where (7x + 13y) % 17 == 0, goal (N-1, N-1) not absorbing,
 *       start (0, 0));
 *   <li>{@code walls}: {@link #WALLS}, a 7 x 5 text map ({@link GridMap}) with a wall to go around,
 *       lava beside the way and an absorbing goal.
 * </ul>
 */
public final class NamedGrids {
  /** Largest N of {@code slippery-N}: 10,000 states, 50,000 pairs for a tabular learner. */
  public static final int MAX_SIZE = 100;

  /** The {@code walls} map: the way from S to G passes the wall's open end, between lava cells. */
  public static final String WALLS =
      String.join("\n", "S..#...", ".L.#.L.", "...#...", ".......", "..L...G", "");

  /** What the names look like, for usage and error messages. */
  public static final String NAMES = "slippery-N (N in [2, " + MAX_SIZE + "]) or walls";

  private NamedGrids() {}

  /** The grid called {@code name} with slip probability {@code slip} in [0, 1]. */
  public static Gridworld of(String name, double slip) {
    if (name == null) {
      throw new IllegalArgumentException("grid: expected " + NAMES + ", found null");
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("walls")) {
      return GridMap.parse(WALLS, slip);
    }
    if (n.startsWith("slippery-")) {
      int size;
      try {
        size = Integer.parseInt(n.substring("slippery-".length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("grid: expected " + NAMES + ", found " + name);
      }
      if (size < 2 || size > MAX_SIZE) {
        throw new IllegalArgumentException(
            "grid: N of slippery-N must be in [2, " + MAX_SIZE + "], found " + name);
      }
      return SlipperyGridworld.build(size, slip);
    }
    throw new IllegalArgumentException("grid: expected " + NAMES + ", found " + name);
  }
}
