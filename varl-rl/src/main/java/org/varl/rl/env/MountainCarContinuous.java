package org.varl.rl.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code MountainCarContinuous-v0} (classic_control/continuous_mountain_car.py, after
 * Moore 1990 and Sutton's MountainCar): drive an underpowered car up the right hill by first
 * swinging back. Constants are Gymnasium's: power 0.0015, position in [−1.2, 0.6], speed bound
 * 0.07, goal position 0.45, goal velocity 0.
 *
 * <pre>
 *   F   = min(max(a, −1), 1)
 *   v′  = clip(v + F · 0.0015 − 0.0025 cos(3 p), −0.07, 0.07)
 *   p′  = clip(p + v′, −1.2, 0.6);   if p′ = −1.2 and v′ &lt; 0 then v′ = 0   (the left wall stops the car)
 *   terminated = p′ ≥ 0.45 and v′ ≥ 0
 *   r   = 100 · [terminated] − 0.1 a²
 *   obs = (p, v) ∈ Box([−1.2, −0.07], [0.6, 0.07]),   action ∈ Box(−1, 1, (1,)),   reset: p ~ U[−0.6, −0.4), v = 0
 * </pre>
 *
 * {@link Envs} wraps it in a {@link TimeLimit} of {@value #MAX_EPISODE_STEPS} steps.
 *
 * <p>Two Gymnasium details kept on purpose, so that a rollout matches Gymnasium's step for step:
 * the action cost uses the action as given, not clipped ({@code math.pow(action[0], 2) * 0.1}), so
 * an action of 2 costs 0.4 although it pushes like 1; and the state is stored as float32 after each
 * step ({@code self.state = np.array([position, velocity], dtype=np.float32)}) while the update
 * itself is computed in double. A reset or set state is kept in double until the first step, as
 * Gymnasium's float64 reset array. Stepping after termination is an {@link IllegalStateException}
 * until {@code reset} or {@code setState}.
 */
public final class MountainCarContinuous implements Env {

  /** Gymnasium's id. */
  public static final String ID = "MountainCarContinuous-v0";

  /** Gymnasium's {@code max_episode_steps} for MountainCarContinuous-v0. */
  public static final int MAX_EPISODE_STEPS = 999;

  /** The force bound: the push is clipped to [−1, 1]. */
  public static final double MAX_ACTION = 1.0;

  /** The left wall. */
  public static final double MIN_POSITION = -1.2;

  /** The right end of the track. */
  public static final double MAX_POSITION = 0.6;

  /** The speed bound. */
  public static final double MAX_SPEED = 0.07;

  /** The flag: reaching it with non-negative velocity terminates the episode. */
  public static final double GOAL_POSITION = 0.45;

  /** The velocity needed at the goal (Gymnasium's default {@code goal_velocity=0}). */
  public static final double GOAL_VELOCITY = 0.0;

  /** The engine's power per unit of action. */
  public static final double POWER = 0.0015;

  /** The reward for reaching the goal. */
  public static final double GOAL_REWARD = 100.0;

  private static final Box OBSERVATION_SPACE =
      new Box(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED});
  private static final Box ACTION_SPACE = Box.uniform(1, -MAX_ACTION, MAX_ACTION);

  private SplittableRandom random;
  private double position;
  private double velocity;
  private boolean started;
  private boolean terminated;

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
    SplittableRandom r = EnvSupport.seeded(random, ID);
    position = r.nextDouble(-0.6, -0.4);
    velocity = 0.0;
    started = true;
    terminated = false;
    return observation();
  }

  /**
   * One step of the car.
   *
   * @throws IllegalStateException if the episode has terminated
   */
  @Override
  public Step step(double[] action) {
    EnvSupport.requireStarted(started, ID);
    if (terminated) {
      throw new IllegalStateException(
          ID + ": the episode terminated at the goal; call reset before stepping again");
    }
    ACTION_SPACE.check(action, "action");
    double a = action[0];
    double force = ACTION_SPACE.clip(action)[0];
    double v = velocity + force * POWER - 0.0025 * Math.cos(3 * position);
    v = Math.min(Math.max(v, -MAX_SPEED), MAX_SPEED);
    double p = position + v;
    p = Math.min(Math.max(p, MIN_POSITION), MAX_POSITION);
    if (p == MIN_POSITION && v < 0) {
      v = 0;
    }
    terminated = p >= GOAL_POSITION && v >= GOAL_VELOCITY;
    double reward = (terminated ? GOAL_REWARD : 0.0) - a * a * 0.1;
    position = (float) p;
    velocity = (float) v;
    return new Step(observation(), reward, terminated, false);
  }

  @Override
  public double[] state() {
    return new double[] {position, velocity};
  }

  /** Sets (position, velocity) and starts an episode from it (not terminated). */
  @Override
  public double[] setState(double[] state) {
    double[] s = EnvSupport.checkState(state, 2, "position, velocity");
    position = s[0];
    velocity = s[1];
    started = true;
    terminated = false;
    return observation();
  }

  @Override
  public String id() {
    return ID;
  }

  private double[] observation() {
    return new double[] {(float) position, (float) velocity};
  }
}
