package org.varl.control.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.control.Mdp;
import org.varl.control.MdpBuilder;

/**
 * A gridworld read from a text map: '#' wall, 'S' start, 'G' goal, 'L' lava, '.' floor; one line
 * per row, all rows the same width (trailing blank lines are ignored).
 *
 * <p>Conventions (chosen to match the peer's gridworld where it has one):
 *
 * <ul>
 *   <li>Every non-wall cell is a state, numbered row by row. Actions as in {@link Moves}; a move
 *       off the grid or into a wall stays in place.
 *   <li>Slip p: the intended target gets 1 - p and each of the 5 actions' targets p/5 more, as in
 *       the peer.
 *   <li>Rewards, the same for every action: floor and start -1 (a cost per step), lava -10 (not
 *       terminal), goal 0.
 *   <li>The goal is absorbing: every action stays there with probability 1, so reaching it ends the
 *       costs.
 *   <li>The initial distribution is uniform over the 'S' cells; a map needs at least one.
 * </ul>
 */
public final class GridMap {
  public static final double FLOOR_REWARD = -1.0;
  public static final double LAVA_REWARD = -10.0;
  public static final double GOAL_REWARD = 0.0;

  private GridMap() {}

  public static Gridworld read(Path file, double slip) {
    try {
      return parse(Files.readString(file), slip);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("map: file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("map: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Gridworld parse(String text, double slip) {
    if (!(slip >= 0.0 && slip <= 1.0)) {
      throw new IllegalArgumentException("slip: must be in [0, 1], found " + slip);
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\\R", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("map: is empty");
    }
    int height = lines.size();
    int width = lines.get(0).length();
    CellType[] cells = new CellType[width * height];
    for (int y = 0; y < height; y++) {
      String line = lines.get(y);
      if (line.length() != width) {
        throw new IllegalArgumentException(
            "map: line " + (y + 1) + " has " + line.length() + " cells, expected " + width);
      }
      for (int x = 0; x < width; x++) {
        CellType type = CellType.of(line.charAt(x));
        if (type == null) {
          throw new IllegalArgumentException(
              "map: line "
                  + (y + 1)
                  + ", column "
                  + (x + 1)
                  + ": unknown cell '"
                  + line.charAt(x)
                  + "' (expected . # S G L)");
        }
        cells[y * width + x] = type;
      }
    }
    int[] cellToState = new int[width * height];
    List<Integer> stateCells = new ArrayList<>();
    int starts = 0;
    for (int c = 0; c < cells.length; c++) {
      if (cells[c] == CellType.WALL) {
        cellToState[c] = -1;
      } else {
        cellToState[c] = stateCells.size();
        stateCells.add(c);
        starts += cells[c] == CellType.START ? 1 : 0;
      }
    }
    if (starts == 0) {
      throw new IllegalArgumentException("map: no start cell 'S'");
    }
    boolean goal = false;
    for (CellType c : cells) {
      goal |= c == CellType.GOAL;
    }
    if (!goal) {
      // Without a goal every cell costs -1 forever: the values only count steps and the figures
      // show nothing the map was meant to ask.
      throw new IllegalArgumentException("map: no goal cell 'G'");
    }
    int numStates = stateCells.size();
    int numActions = Moves.COUNT;
    int[] stateToCell = new int[numStates];
    CellType[] types = new CellType[numStates];
    MdpBuilder builder = Mdp.builder().setStates(numStates).setActions(numActions);
    double[][] rewards = new double[numStates][numActions];
    double[] initial = new double[numStates];
    int[] target = new int[numActions];
    for (int s = 0; s < numStates; s++) {
      int c = stateCells.get(s);
      stateToCell[s] = c;
      types[s] = cells[c];
      int x = c % width;
      int y = c / width;
      double r =
          switch (cells[c]) {
            case GOAL -> GOAL_REWARD;
            case LAVA -> LAVA_REWARD;
            default -> FLOOR_REWARD;
          };
      java.util.Arrays.fill(rewards[s], r);
      if (cells[c] == CellType.START) {
        initial[s] = 1.0 / starts;
      }
      if (cells[c] == CellType.GOAL) {
        for (int a = 0; a < numActions; a++) {
          builder.addTransition(s, a, s, 1.0);
        }
        continue;
      }
      for (int b = 0; b < numActions; b++) {
        int tx = x + Moves.DX[b];
        int ty = y + Moves.DY[b];
        boolean blocked =
            tx < 0
                || ty < 0
                || tx >= width
                || ty >= height
                || cells[ty * width + tx] == CellType.WALL;
        target[b] = blocked ? s : cellToState[ty * width + tx];
      }
      for (int a = 0; a < numActions; a++) {
        builder.addTransition(s, a, target[a], 1.0 - slip);
        for (int b = 0; b < numActions; b++) {
          builder.addTransition(s, a, target[b], slip / numActions);
        }
      }
    }
    Mdp mdp = builder.setRewards(rewards).setInitial(initial).build();
    return new Gridworld(mdp, width, height, cellToState, stateToCell, types);
  }
}
