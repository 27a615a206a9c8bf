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
}
