package org.varl.rl.env;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code obstacle} task of multimodal imitation (issue 12): a point mass in the plane that must
 * pass one or two discs on either side to reach a goal line.
 *
 * <pre>
 *   state  s = (x, y) ∈ ℝ²,  observation = s,  action a = (dx, dy)
 *   a′     = a · min(1, 0.05 / ‖a‖₂)     (clipped to the disc ‖a′‖ ≤ 0.05 by scaling the vector, not per coordinate)
 *   s′     = s + a′
 *   reset: s₀ = (0, 0) + ε,  ε ~ N(0, 0.02² I)
 *   obstacles = 1: one disc,  centre (0, 0.5), radius 0.25;                  goal y ≥ 1.0; 60 steps
 *   obstacles = 2: two discs, centres (0, 0.5) and (0, 1.2), radius 0.25;    goal y ≥ 1.7; 100 steps
 *   collision: the segment [s, s′] meets the open disc, i.e. min_{t∈[0,1]} ‖s + t a′ − c‖ &lt; 0.25
 *   success:   no collision and y′ ≥ goal
 *   reward 1 on the success step, 0 on every other step; collision and success both terminate
 * </pre>
 *
 * <p>The collision test uses the segment of the step, not only the new position: a step that cuts
 * through the edge of a disc with both end points outside (possible when the chord is shorter than
 * 0.05, a depth up to 0.25 − √(0.25² − 0.025²) ≈ 0.00125) counts as entering it. This is the
 * stricter reading of "entering the disc" and it does not depend on the step length, so a rollout
 * scored from its way-points by anyone gives the same verdict. A point on the circle itself
 * (distance exactly 0.25) is not inside. When a step both collides and crosses the goal line, the
 * collision wins.
 *
 * <p>{@link #outcome()} tells a caller how the episode ended (collision or success); a timeout is
 * the {@link TimeLimit}'s {@code truncated} with outcome {@link Outcome#RUNNING}. {@link
 * #make(int)} wraps the task in its time limit. Stepping after a terminal step is an {@code
 * IllegalStateException}. The action space reported is the bounding box [−0.05, 0.05]² of the
 * action disc; the observation space is unbounded.
 */
public final class Obstacle implements Env {

  /** How an episode stands. */
  public enum Outcome {
    /** Not terminated (still running, or cut by the time limit: a timeout). */
    RUNNING,
    /** Reached the goal line without entering a disc. */
    SUCCESS,
    /** Entered a disc. */
    COLLISION
  }

  /** The bound on the action's Euclidean norm. */
  public static final double MAX_SPEED = 0.05;

  /** The standard deviation of each start coordinate around (0, 0). */
  public static final double START_STD = 0.02;

  /** The radius of every disc. */
  public static final double RADIUS = 0.25;

  private static final Box OBSERVATION_SPACE =
      Box.uniform(2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  private static final Box ACTION_SPACE = Box.uniform(2, -MAX_SPEED, MAX_SPEED);

  private final int obstacles;
  private final List<double[]> centres;
  private final double goalY;
  private SplittableRandom random;
  private double x;
  private double y;
  private boolean started;
  private Outcome outcome = Outcome.RUNNING;

  /**
   * The task with {@code obstacles} discs.
   *
   * @throws IllegalArgumentException if {@code obstacles} is not 1 or 2
   */
  public Obstacle(int obstacles) {
    if (obstacles == 1) {
      centres = List.of(new double[] {0, 0.5});
      goalY = 1.0;
    } else if (obstacles == 2) {
      centres = List.of(new double[] {0, 0.5}, new double[] {0, 1.2});
      goalY = 1.7;
    } else {
      throw new IllegalArgumentException("obstacles must be 1 or 2, found " + obstacles);
    }
    this.obstacles = obstacles;
  }

  /** The task with {@code obstacles} discs in its time limit (60 steps for 1, 100 for 2). */
  public static TimeLimit make(int obstacles) {
    Obstacle env = new Obstacle(obstacles);
    return new TimeLimit(env, env.maxEpisodeSteps());
  }

  /** The number of discs. */
  public int obstacles() {
    return obstacles;
  }

  /** The step limit of the task: 60 with one disc, 100 with two. */
  public int maxEpisodeSteps() {
    return obstacles == 1 ? 60 : 100;
  }

  /** The goal line: success when y ≥ this. */
  public double goalY() {
    return goalY;
  }

  /** The centre (x, y) of disc {@code k}, a copy; discs are ordered by y. */
  public double[] centre(int k) {
    return centres.get(k).clone();
  }

  /** How the current episode stands. */
  public Outcome outcome() {
    return outcome;
  }

  /** Whether the current episode ended by entering a disc. */
  public boolean collided() {
    return outcome == Outcome.COLLISION;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Box actionSpace() {
    return ACTION_SPACE;
  }

  @Override
  public double[] reset(long seed) {
    random = EnvSupport.generator(seed);
    return reset();
  }

  @Override
  public double[] reset() {
    SplittableRandom r = EnvSupport.seeded(random, id());
    x = START_STD * r.nextGaussian();
    y = START_STD * r.nextGaussian();
    started = true;
    outcome = Outcome.RUNNING;
    return state();
  }

  /**
   * {@code a · min(1, 0.05 / ‖a‖)}: the action scaled down onto the disc of radius {@value
   * #MAX_SPEED} when it is longer, unchanged otherwise (the direction is kept).
   *
   * @throws IllegalArgumentException naming the index and the value for a wrong length or a
   *     non-finite entry
   */
  public static double[] clip(double[] action) {
    if (action.length != 2) {
      throw new IllegalArgumentException("action must have length 2, found " + action.length);
    }
    for (int i = 0; i < 2; i++) {
      if (!Double.isFinite(action[i])) {
        throw new IllegalArgumentException(
            "action must be finite, found " + action[i] + " at index " + i);
      }
    }
    double norm = Math.hypot(action[0], action[1]);
    double scale = norm > MAX_SPEED ? MAX_SPEED / norm : 1.0;
    return new double[] {action[0] * scale, action[1] * scale};
  }

  /**
   * Whether the segment from (x0, y0) to (x1, y1) meets the open disc of radius {@value #RADIUS}
   * around (cx, cy): the distance from the centre to the segment's closest point is below the
   * radius.
   */
  static boolean segmentEnters(double x0, double y0, double x1, double y1, double cx, double cy) {
    double ux = x1 - x0;
    double uy = y1 - y0;
    double length2 = ux * ux + uy * uy;
    double t = length2 == 0 ? 0 : ((cx - x0) * ux + (cy - y0) * uy) / length2;
    t = Math.min(Math.max(t, 0), 1);
    double px = x0 + t * ux - cx;
    double py = y0 + t * uy - cy;
    return px * px + py * py < RADIUS * RADIUS;
  }

  @Override
  public Step step(double[] action) {
    EnvSupport.requireStarted(started, id());
    if (outcome != Outcome.RUNNING) {
      throw new IllegalStateException(
          id() + ": the episode ended with " + outcome + "; call reset before stepping again");
    }
    double[] a = clip(action);
    double nx = x + a[0];
    double ny = y + a[1];
    for (double[] c : centres) {
      if (segmentEnters(x, y, nx, ny, c[0], c[1])) {
        outcome = Outcome.COLLISION;
      }
    }
    if (outcome == Outcome.RUNNING && ny >= goalY) {
      outcome = Outcome.SUCCESS;
    }
    x = nx;
    y = ny;
    return new Step(
        state(), outcome == Outcome.SUCCESS ? 1.0 : 0.0, outcome != Outcome.RUNNING, false);
  }

  @Override
  public double[] state() {
    return new double[] {x, y};
  }

  /** Sets (x, y) and starts an episode from it (outcome {@link Outcome#RUNNING}). */
  @Override
  public double[] setState(double[] state) {
    double[] s = EnvSupport.checkState(state, 2, "x, y");
    x = s[0];
    y = s[1];
    started = true;
    outcome = Outcome.RUNNING;
    return state();
  }

  /** {@code obstacle-1} or {@code obstacle-2} (not a Gymnasium id: the task is this project's). */
  @Override
  public String id() {
    return "obstacle-" + obstacles;
  }
}
