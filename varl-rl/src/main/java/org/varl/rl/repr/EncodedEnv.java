package org.varl.rl.repr;

import org.varl.rl.env.Box;
import org.varl.rl.env.Env;
import org.varl.rl.env.ImageObservations;
import org.varl.rl.env.ImageShape;
import org.varl.rl.env.Space;
import org.varl.rl.env.Step;

/**
 * A pixel environment seen through an {@link ObservationEncoder}: the agent gets φ(o), the
 * concatenated latent means of the frames, instead of the pixels; dynamics, rewards, flags and the
 * true {@link #state()} are the pixel environment's. The last two raw observations are kept (as
 * unsigned bytes) so that a refit can re-encode the transition just taken.
 */
public final class EncodedEnv implements Env {

  private final Env pixels;
  private final ObservationEncoder encoder;
  private final Box space;
  private byte[] previousRaw;
  private byte[] lastRaw;

  /**
   * Encodes {@code pixels}' observations.
   *
   * @throws IllegalArgumentException if {@code pixels} has no image observations of the encoder's
   *     shape
   */
  public EncodedEnv(Env pixels, ObservationEncoder encoder) {
    ImageShape shape = imageShape(pixels);
    if (!shape.equals(encoder.shape())) {
      throw new IllegalArgumentException(
          "the encoder reads observations of "
              + encoder.shape()
              + ", the environment has "
              + shape);
    }
    this.pixels = pixels;
    this.encoder = encoder;
    this.space =
        Box.uniform(encoder.dimension(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** The image layout of {@code env} or of the environment a {@code TimeLimit} wraps. */
  public static ImageShape imageShape(Env env) {
    Env e = env instanceof org.varl.rl.env.TimeLimit t ? t.unwrapped() : env;
    if (!(e instanceof ImageObservations images)) {
      throw new IllegalArgumentException(
          env.id() + " has no image observations: use pendulum-pixels or cartpole-pixels");
    }
    return images.imageShape();
  }

  /** The encoder (shared with the evaluation environment of the same run). */
  public ObservationEncoder encoder() {
    return encoder;
  }

  /** The raw observation the last step started from, as bytes (null after a reset). */
  public byte[] previousRaw() {
    return previousRaw;
  }

  /** The raw observation of the last reset or step, as bytes. */
  public byte[] lastRaw() {
    return lastRaw;
  }

  /** φ of the last raw observation, with the encoder as it is now (after a refit). */
  public double[] reencodeLast() {
    return encoder.encode(fromBytes(lastRaw));
  }

  /** The pixel environment underneath (the one that renders the frames). */
  public Env inner() {
    return pixels;
  }

  @Override
  public Box observationSpace() {
    return space;
  }

  @Override
  public Space actionSpace() {
    return pixels.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    return observe(pixels.reset(seed), true);
  }

  @Override
  public double[] reset() {
    return observe(pixels.reset(), true);
  }

  @Override
  public Step step(double[] action) {
    Step s = pixels.step(action);
    return new Step(observe(s.observation(), false), s.reward(), s.terminated(), s.truncated());
  }

  @Override
  public double[] state() {
    return pixels.state();
  }

  @Override
  public double[] setState(double[] state) {
    return observe(pixels.setState(state), true);
  }

  @Override
  public String id() {
    return pixels.id();
  }

  private double[] observe(double[] raw, boolean reset) {
    previousRaw = reset ? null : lastRaw;
    lastRaw = toBytes(raw);
    return encoder.encode(raw);
  }

  /** Pixel values (multiples of 1/255) as unsigned bytes. */
  static byte[] toBytes(double[] raw) {
    byte[] b = new byte[raw.length];
    for (int i = 0; i < raw.length; i++) {
      b[i] = (byte) Math.round(raw[i] * 255);
    }
    return b;
  }

  /** Unsigned bytes as pixel values {@code byte / 255}. */
  static double[] fromBytes(byte[] b) {
    double[] raw = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      raw[i] = (b[i] & 0xFF) / 255f;
    }
    return raw;
  }
}
