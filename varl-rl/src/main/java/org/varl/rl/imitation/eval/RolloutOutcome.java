package org.varl.rl.imitation.eval;

/** How an obstacle episode ended. */
public enum RolloutOutcome {
  /** Reached the goal line without entering a disc ({@code Obstacle.Outcome.SUCCESS}). */
  SUCCESS,
  /** Entered a disc ({@code Obstacle.Outcome.COLLISION}). */
  COLLISION,
  /** Cut by the task's step limit while still running (the time limit's {@code truncated}). */
  TIMEOUT
}
