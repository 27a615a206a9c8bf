package org.varl.rl.train;

import java.util.SplittableRandom;
import org.varl.rl.env.Box;
import org.varl.rl.env.Env;
import org.varl.rl.env.ImageObservations;
import org.varl.rl.env.ImageShape;
import org.varl.rl.env.Space;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;

/**
 * {@link MatchTarget} seen through pixels, for the pixel-SAC tests: the state is one of eight
 * targets x_k = −1 + 2k/7 (k uniform, drawn anew every step), shown as a one-channel 12×12 image,
 * black with the column 2 + k white; the action a ∈ [−1, 1] earns 1 − (a − x)². Ten steps per
 * episode (a time limit, never terminal). Per episode a uniform random policy earns 10 (1 − 1/3 − E
 * x²) = 10 (2/3 − 3/7) ≈ 2.38, the best policy blind to the image (a = 0) 10 (1 − 3/7) ≈ 5.71, the
 * optimal one 10.
 */
public final class PixelMatchTarget implements Env, ImageObservations {

  /** The observation layout. */
  public static final ImageShape SHAPE = new ImageShape(1, 12, 12);

  private SplittableRandom random = new SplittableRandom(0);
  private int k;

  /** In its ten-step time limit. */
  public static Env limited() {
    return new TimeLimit(new PixelMatchTarget(), 10);
  }

  private double x() {
    return -1 + 2.0 * k / 7;
  }

  private double[] observation() {
    double[] image = new double[SHAPE.size()];
    for (int row = 0; row < SHAPE.height(); row++) {
      image[row * SHAPE.width() + 2 + k] = 1;
    }
    return image;
  }

  @Override
  public ImageShape imageShape() {
    return SHAPE;
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(SHAPE.size(), 0, 1);
  }

  @Override
  public Space actionSpace() {
    return Box.uniform(1, -1, 1);
  }

  @Override
  public double[] reset(long seed) {
    random = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public double[] reset() {
    k = random.nextInt(8);
    return observation();
  }

  @Override
  public Step step(double[] action) {
    double a = Math.max(-1, Math.min(1, action[0]));
    double reward = 1 - (a - x()) * (a - x());
    k = random.nextInt(8);
    return new Step(observation(), reward, false, false);
  }

  @Override
  public double[] state() {
    return new double[] {k};
  }

  @Override
  public double[] setState(double[] state) {
    k = (int) state[0];
    return observation();
  }

  @Override
  public String id() {
    return "PixelMatchTarget-v0";
  }
}
