package org.varl.control.irl;

/** One demonstration: states s_0..s_{T-1} and the actions a_0..a_{T-1} taken in them. */
public record Trajectory(int[] states, int[] actions) {
  public Trajectory {
    if (states.length != actions.length) {
      throw new IllegalArgumentException(
          "trajectory: " + states.length + " states but " + actions.length + " actions");
    }
  }

  public int length() {
    return states.length;
  }

  /**
   * Estimated heap bytes of {@code count} trajectories of {@code horizon} steps in a list: per
   * trajectory two int[horizon] arrays (16-byte headers), the record (16 bytes with its two
   * references) and the list's reference (8), so callers can refuse a count before sampling it.
   */
  public static double bytes(long count, long horizon) {
    return count * (2.0 * (16 + 4.0 * horizon) + 16 + 8);
  }
}
