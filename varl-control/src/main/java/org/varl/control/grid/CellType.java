package org.varl.control.grid;

/** What a grid cell is. Map characters: '.' floor, '#' wall, 'S' start, 'G' goal, 'L' lava. */
public enum CellType {
  FLOOR('.'),
  WALL('#'),
  START('S'),
  GOAL('G'),
  LAVA('L');

  private final char symbol;

  CellType(char symbol) {
    this.symbol = symbol;
  }

  public char symbol() {
    return symbol;
  }

  /** The type for a map character, or null when the character is not one of {@code .#SGL}. */
  public static CellType of(char c) {
    for (CellType t : values()) {
      if (t.symbol == c) {
        return t;
      }
    }
    return null;
  }
}
