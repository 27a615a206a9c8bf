package org.varl.control.grid;

/**
 * The five gridworld actions of the peer: 0 stay, 1 up (y-1), 2 down (y+1), 3 left (x-1), 4 right
 * (x+1). A move off the grid (or into a wall) stays in place.
 */
public final class Moves {
  public static final int COUNT = 5;
  public static final int STAY = 0;
  public static final int UP = 1;
  public static final int DOWN = 2;
  public static final int LEFT = 3;
  public static final int RIGHT = 4;
  static final int[] DX = {0, 0, 0, -1, 1};
  static final int[] DY = {0, -1, 1, 0, 0};

  private Moves() {}

  public static int dx(int action) {
    return DX[action];
  }

  public static int dy(int action) {
    return DY[action];
  }
}
