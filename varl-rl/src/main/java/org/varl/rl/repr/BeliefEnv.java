package org.varl.rl.repr;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.varl.models.ssm.SsmCheckpoint;
import org.varl.models.ssm.SsmFilter;
import org.varl.models.ssm.SsmTrainer;
import org.varl.rl.env.Box;
import org.varl.rl.env.Env;
import org.varl.rl.env.ImageShape;
import org.varl.rl.env.Space;
import org.varl.rl.env.Step;

/**
 * A pixel environment seen through the filtering belief of a sequential latent model ({@code varl
 * ssm train --data replay:DIR}): the agent gets b_t = [μ_z,t] (or [μ_z,t, h_t] for the RSSM),
 * updated online from each new frame and the action just taken ({@link SsmFilter}), reset at every
 * episode start; dynamics, rewards, flags and {@link #state()} are the pixel environment's. The
 * belief is a copy of the model's means: SAC trains on it as on any observation, no gradient
 * reaches the model (frozen).
 */
public final class BeliefEnv implements Env {

  private final Env pixels;
  private final SsmFilter filter;
  private final Box space;

  /**
   * The belief of {@code model} over {@code pixels}.
   *
   * @throws IllegalArgumentException if the model does not read the environment's observations
   */
  public BeliefEnv(Env pixels, Model model) {
    ImageShape shape = EncodedEnv.imageShape(pixels);
    model.requireFits(shape);
    this.pixels = pixels;
    this.filter = new SsmFilter(model.run().model(), model.manager());
    this.space =
        Box.uniform(filter.dimension(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * A trained state-space run loaded for beliefs, shared by a run's environments; closing it frees
   * the model.
   */
  public static final class Model implements AutoCloseable {
    private final NDManager manager;
    private final SsmTrainer.Run run;
    private final Path dir;

    private Model(NDManager manager, SsmTrainer.Run run, Path dir) {
      this.manager = manager;
      this.run = run;
      this.dir = dir;
    }

    /**
     * Loads {@code dir/checkpoint.bin} (a run of {@code varl ssm train}).
     *
     * @throws IllegalArgumentException one line for a missing, corrupt or smoothing run
     */
    public static Model load(Path dir) {
      NDManager m = NDManager.newBaseManager();
      try {
        Path file = dir.resolve("checkpoint.bin");
        if (!java.nio.file.Files.isRegularFile(file)) {
          throw new IllegalArgumentException(
              "--encoder ssm:" + dir + ": no checkpoint.bin (not a run of varl ssm train?)");
        }
        SsmTrainer.Run run = SsmCheckpoint.read(file, m);
        new SsmFilter(run.model(), m);
        return new Model(m, run, dir);
      } catch (IllegalArgumentException e) {
        m.close();
        String msg = e.getMessage();
        throw new IllegalArgumentException(
            msg.startsWith("--encoder") ? msg : "--encoder ssm:" + dir + ": " + msg, e);
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
    }

    SsmTrainer.Run run() {
      return run;
    }

    NDManager manager() {
      return manager;
    }

    /** Size of the belief. */
    public int dimension() {
      return new SsmFilter(run.model(), manager).dimension();
    }

    void requireFits(ImageShape shape) {
      int dx = run.model().config().dimX();
      if (dx != shape.size() || run.model().config().dimA() < 1) {
        throw new IllegalArgumentException(
            "--encoder ssm:"
                + dir
                + ": the model reads observations of "
                + dx
                + " values, the environment's have "
                + shape.size()
                + " ("
                + shape.channels()
                + "x"
                + shape.height()
                + "x"
                + shape.width()
                + "); train it on frames of this size, with --frame-stack 1");
      }
    }

    @Override
    public void close() {
      manager.close();
    }
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
    return filter.reset(pixels.reset(seed));
  }

  @Override
  public double[] reset() {
    return filter.reset(pixels.reset());
  }

  @Override
  public Step step(double[] action) {
    Step s = pixels.step(action);
    return new Step(
        filter.step(action, s.observation()), s.reward(), s.terminated(), s.truncated());
  }

  @Override
  public double[] state() {
    return pixels.state();
  }

  @Override
  public double[] setState(double[] state) {
    return filter.reset(pixels.setState(state));
  }

  @Override
  public String id() {
    return pixels.id();
  }
}
