package org.varl.rl.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code Pendulum-v1} (classic_control/pendulum.py): swing a pendulum up and hold it
 * upright with a bounded torque. Equations and constants are Gymnasium's: g = 10, m = l = 1, dt =
 * 0.05, max torque 2, max speed 8.
 *
 * <pre>
 *   u      = clip(a, −2, 2)
 *   r      = −(θ_norm² + 0.1 θ̇² + 0.001 u²),   θ_norm = ((θ + π) mod 2π) − π   (of the state before the step)
 *   θ̇′     = clip(θ̇ + (3g / (2l) sin θ + 3 / (m l²) u) dt, −8, 8)
 *   θ′     = θ + θ̇′ dt   (semi-implicit Euler: the new velocity moves the angle)
 *   obs    = (cos θ, sin θ, θ̇) ∈ Box([−1, −1, −8], [1, 1, 8]),   action ∈ Box(−2, 2, (1,))
 *   reset: θ ~ U[−π, π), θ̇ ~ U[−1, 1)
 * </pre>
 *
 * θ = 0 is upright. The episode never terminates; {@link Envs} wraps it in a {@link TimeLimit} of
 * {@value #MAX_EPISODE_STEPS} steps, as Gymnasium's registration does.
 *
 * <p>The state (θ, θ̇) is kept in double precision, as Gymnasium's NumPy state; the observation's
 * entries are rounded to float32, as Gymnasium's {@code dtype=np.float32} observation, so a rollout
 * can be compared with Gymnasium's value for value.
 */
public final class Pendulum implements Env {

  /** Gymnasium's id. */
  public static final String ID = "Pendulum-v1";

  /** Gymnasium's {@code max_episode_steps} for Pendulum-v1. */
  public static final int MAX_EPISODE_STEPS = 200;

  /** Gravity g (Gymnasium's default {@code g=10.0}). */
  public static final double GRAVITY = 10.0;

  /** Mass m. */
  public static final double MASS = 1.0;

  /** Length l. */
  public static final double LENGTH = 1.0;

  /** Time step dt. */
  public static final double DT = 0.05;

  /** The torque bound: actions are clipped to [−2, 2]. */
  public static final double MAX_TORQUE = 2.0;

  /** The angular-speed bound: θ̇ is clipped to [−8, 8]. */
  public static final double MAX_SPEED = 8.0;

  private static final Box OBSERVATION_SPACE =
      new Box(new double[] {-1, -1, -MAX_SPEED}, new double[] {1, 1, MAX_SPEED});
  private static final Box ACTION_SPACE = Box.uniform(1, -MAX_TORQUE, MAX_TORQUE);

  private SplittableRandom random;
  private double theta;
  private double thetaDot;
  private boolean started;

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
    // Gymnasium draws np_random.uniform(low=-high, high=high) with high = (π, 1): θ first.
    theta = r.nextDouble(-Math.PI, Math.PI);
    thetaDot = r.nextDouble(-1.0, 1.0);
    started = true;
    return observation();
  }

  @Override
  public Step step(double[] action) {
    EnvSupport.requireStarted(started, ID);
    double u = ACTION_SPACE.clip(action)[0];
    double thetaNorm = angleNormalize(theta);
    double cost = thetaNorm * thetaNorm + 0.1 * thetaDot * thetaDot + 0.001 * (u * u);
    double newThetaDot =
        thetaDot
            + (3 * GRAVITY / (2 * LENGTH) * Math.sin(theta) + 3.0 / (MASS * LENGTH * LENGTH) * u)
                * DT;
    newThetaDot = Math.min(Math.max(newThetaDot, -MAX_SPEED), MAX_SPEED);
    theta = theta + newThetaDot * DT;
    thetaDot = newThetaDot;
    return new Step(observation(), -cost, false, false);
  }

  /**
   * θ wrapped into [−π, π): {@code ((x + π) mod 2π) − π} with Python's floored {@code mod} (the
   * result of {@code mod} has the sign of 2π), as Gymnasium's {@code angle_normalize}.
   */
  static double angleNormalize(double x) {
    double twoPi = 2 * Math.PI;
    double r = (x + Math.PI) % twoPi;
    if (r < 0) {
      r += twoPi;
    }
    return r - Math.PI;
  }

  @Override
  public double[] state() {
    return new double[] {theta, thetaDot};
  }

  /** Sets (θ, θ̇) and starts an episode from it. */
  @Override
  public double[] setState(double[] state) {
    double[] s = EnvSupport.checkState(state, 2, "θ, θ̇");
    theta = s[0];
    thetaDot = s[1];
    started = true;
    return observation();
  }

  @Override
  public String id() {
    return ID;
  }

  private double[] observation() {
    return new double[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
  }
}
