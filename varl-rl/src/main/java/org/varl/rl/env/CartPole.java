package org.varl.rl.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code CartPole-v1} (classic_control/cartpole.py, after Barto, Sutton and Anderson
 * 1983, with the dynamics of Florian 2007, "Correct equations for the dynamics of the cart-pole
 * system"): push a cart left or right to keep a pole upright. Constants are Gymnasium's: gravity
 * 9.8, cart mass 1.0, pole mass 0.1, half-length l = 0.5, force 10, τ = 0.02 s, explicit Euler.
 *
 * <pre>
 *   F     = +10 for action 1, −10 for action 0,   M = m_cart + m_pole = 1.1
 *   temp  = (F + m_pole l θ̇² sin θ) / M
 *   θ̈     = (g sin θ − cos θ · temp) / (l (4/3 − m_pole cos²θ / M))
 *   ẍ     = temp − m_pole l θ̈ cos θ / M
 *   x′ = x + τ ẋ,   ẋ′ = ẋ + τ ẍ,   θ′ = θ + τ θ̇,   θ̇′ = θ̇ + τ θ̈      (Euler: old rates move the state)
 *   terminated = |x′| > 2.4 or |θ′| > 12° (= 12 · 2π / 360 rad),   r = +1 per step, the terminating one included
 *   obs = (x, ẋ, θ, θ̇),   action ∈ Discrete(2),   reset: each coordinate ~ U[−0.05, 0.05)
 * </pre>
 *
 * {@link Envs} wraps it in a {@link TimeLimit} of {@value #MAX_EPISODE_STEPS} steps.
 *
 * <p>After a terminating step Gymnasium warns and returns reward 0 for further steps ("undefined
 * behavior"); here stepping after termination is an {@link IllegalStateException} until {@code
 * reset} or {@code setState}. The state is kept in double precision (Gymnasium's Python floats);
 * the observation's entries are rounded to float32 as Gymnasium's.
 */
public final class CartPole implements Env {

  /** Gymnasium's id. */
  public static final String ID = "CartPole-v1";

  /** Gymnasium's {@code max_episode_steps} for CartPole-v1. */
  public static final int MAX_EPISODE_STEPS = 500;

  /** Gravity g. */
  public static final double GRAVITY = 9.8;

  /** Mass of the cart. */
  public static final double MASS_CART = 1.0;

  /** Mass of the pole. */
  public static final double MASS_POLE = 0.1;

  /** Half the pole's length (Gymnasium's {@code length}). */
  public static final double LENGTH = 0.5;

  /** Magnitude of the push. */
  public static final double FORCE_MAG = 10.0;

  /** Seconds between state updates. */
  public static final double TAU = 0.02;

  /** The cart position beyond which the episode terminates. */
  public static final double X_THRESHOLD = 2.4;

  /** The pole angle beyond which the episode terminates: 12°, written as Gymnasium does. */
  public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;

  private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
  private static final double POLEMASS_LENGTH = MASS_POLE * LENGTH;

  // Twice the thresholds, so that a terminating observation is still inside the box (Gymnasium).
  private static final Box OBSERVATION_SPACE =
      new Box(
          new double[] {
            -2 * X_THRESHOLD, -Float.MAX_VALUE, -2 * THETA_THRESHOLD_RADIANS, -Float.MAX_VALUE
          },
          new double[] {
            2 * X_THRESHOLD, Float.MAX_VALUE, 2 * THETA_THRESHOLD_RADIANS, Float.MAX_VALUE
          });
  private static final Discrete ACTION_SPACE = new Discrete(2);

  private SplittableRandom random;
  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;
  private boolean started;
  private boolean terminated;

  @Override
  public Box observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Discrete actionSpace() {
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
    x = r.nextDouble(-0.05, 0.05);
    xDot = r.nextDouble(-0.05, 0.05);
    theta = r.nextDouble(-0.05, 0.05);
    thetaDot = r.nextDouble(-0.05, 0.05);
    started = true;
    terminated = false;
    return observation();
  }

  /**
   * One Euler step of the cart-pole.
   *
   * @throws IllegalStateException if the episode has terminated (Gymnasium would warn and return
   *     reward 0)
   */
  @Override
  public Step step(double[] action) {
    EnvSupport.requireStarted(started, ID);
    if (terminated) {
      throw new IllegalStateException(
          ID
              + ": the episode terminated (|x| > 2.4 or |θ| > 12°); call reset before stepping again");
    }
    double force = ACTION_SPACE.index(action) == 1 ? FORCE_MAG : -FORCE_MAG;
    double cosTheta = Math.cos(theta);
    double sinTheta = Math.sin(theta);
    double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
    double thetaAcc =
        (GRAVITY * sinTheta - cosTheta * temp)
            / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
    double xAcc = temp - POLEMASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;
    terminated =
        x < -X_THRESHOLD
            || x > X_THRESHOLD
            || theta < -THETA_THRESHOLD_RADIANS
            || theta > THETA_THRESHOLD_RADIANS;
    return new Step(observation(), 1.0, terminated, false);
  }

  @Override
  public double[] state() {
    return new double[] {x, xDot, theta, thetaDot};
  }

  /** Sets (x, ẋ, θ, θ̇) and starts an episode from it (not terminated, whatever the state). */
  @Override
  public double[] setState(double[] state) {
    double[] s = EnvSupport.checkState(state, 4, "x, ẋ, θ, θ̇");
    x = s[0];
    xDot = s[1];
    theta = s[2];
    thetaDot = s[3];
    started = true;
    terminated = false;
    return observation();
  }

  @Override
  public String id() {
    return ID;
  }

  private double[] observation() {
    return new double[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
  }
}
