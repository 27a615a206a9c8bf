package org.varl.rl.env;

/**
 * Pixel observations of a physical environment (Pendulum or CartPole): each step renders the state
 * with {@link PoleRenderer} and the observation is the stack of the last k frames, oldest first,
 * flattened row-major as {@code [k, size, size]} ({@link ImageShape}). Dynamics, rewards, flags and
 * {@link #state()} (the true state, kept for probes) are the wrapped environment's.
 *
 * <pre>
 *   o_t = [f(s_{t−k+1}), …, f(s_t)],   f = PoleRenderer,   after a reset (or setState) all k = f(s_0)
 * </pre>
 *
 * A single frame holds the angle but not the angular velocity; the stack holds both (finite
 * differences of the angle), as in SAC+AE and pixel-Pendulum practice. Wrap this in the {@link
 * TimeLimit} of the inner environment (as {@link Envs#make(String, PixelOptions)} does), not the
 * other way round, so that {@code state()} and {@code setState} reach the physics.
 */
public final class PixelEnv implements Env, ImageObservations {

  private final Env inner;
  private final PixelOptions options;
  private final ImageShape shape;
  private final Box observationSpace;
  private final double[] stack;

  /**
   * Renders {@code inner} (a bare {@link Pendulum} or {@link CartPole}).
   *
   * @throws IllegalArgumentException for an environment with no renderer
   */
  public PixelEnv(Env inner, PixelOptions options) {
    if (!inner.id().equals(Pendulum.ID) && !inner.id().equals(CartPole.ID)) {
      throw new IllegalArgumentException(
          "no renderer for "
              + inner.id()
              + ": pixels exist for "
              + Pendulum.ID
              + " and "
              + CartPole.ID);
    }
    this.inner = inner;
    this.options = options;
    this.shape = new ImageShape(options.frameStack(), options.imageSize(), options.imageSize());
    this.observationSpace = Box.uniform(shape.size(), 0, 1);
    this.stack = new double[shape.size()];
  }

  /** The rendering options. */
  public PixelOptions options() {
    return options;
  }

  /** The environment that is rendered. */
  public Env inner() {
    return inner;
  }

  @Override
  public ImageShape imageShape() {
    return shape;
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return inner.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    inner.reset(seed);
    return fill();
  }

  @Override
  public double[] reset() {
    inner.reset();
    return fill();
  }

  @Override
  public Step step(double[] action) {
    Step s = inner.step(action);
    int frame = shape.frameSize();
    System.arraycopy(stack, frame, stack, 0, stack.length - frame);
    PoleRenderer.render(
        inner.id(), inner.state(), options.imageSize(), stack, stack.length - frame);
    return new Step(stack.clone(), s.reward(), s.terminated(), s.truncated());
  }

  /** The true physical state of the wrapped environment (never part of the observation). */
  @Override
  public double[] state() {
    return inner.state();
  }

  /** Sets the physical state and fills the stack with its frame, as a reset does. */
  @Override
  public double[] setState(double[] state) {
    inner.setState(state);
    return fill();
  }

  /** {@code Pendulum-v1-pixels}, {@code CartPole-v1-pixels}. */
  @Override
  public String id() {
    return inner.id() + "-pixels";
  }

  /** The newest frame of the current observation, a copy ({@code size²} values). */
  public double[] newestFrame() {
    int frame = shape.frameSize();
    return java.util.Arrays.copyOfRange(stack, stack.length - frame, stack.length);
  }

  private double[] fill() {
    int frame = shape.frameSize();
    PoleRenderer.render(inner.id(), inner.state(), options.imageSize(), stack, 0);
    for (int k = 1; k < shape.channels(); k++) {
      System.arraycopy(stack, 0, stack, k * frame, frame);
    }
    return stack.clone();
  }
}
