package org.varl.rl.repr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.engine.EngineSetup;
import org.varl.models.vae.Estimator;
import org.varl.models.vae.TrainConfig;
import org.varl.models.vae.VaeRefit;
import org.varl.rl.replay.ReplayBuffer;
import org.varl.rl.train.OffPolicyTrainer;

/**
 * The lecture's loop with the representation retrained as the buffer grows ({@code
 * --encoder-refit-every N}): every N environment steps the VAE is trained further ({@link
 * VaeRefit#fineTune}, {@code epochs} epochs, Adam 1e-3, batch 128) on the newest frame of every
 * observation in the replay buffer, every buffered observation is re-encoded with the new encoder,
 * and the run continues (critic and actor keep their parameters; the evaluation environment shares
 * the encoder). The refit VAE is saved into {@code saveDir} after each round, so the run's {@code
 * observation.json} (pointing there) rebuilds what the agent saw last.
 *
 * <p>Keeps the raw stacks of every buffered transition as bytes (2 · k · H · W per step: 123 MB for
 * 20,000 steps of 3 × 32 × 32). A run with a refit cannot be resumed bit for bit (the raw stacks
 * are not in the checkpoint).
 */
public final class EncoderRefit implements OffPolicyTrainer.StepHook {

  private final EncodedEnv env;
  private final long every;
  private final int epochs;
  private final long seed;
  private final Path saveDir;
  private final int capacity;
  private final List<byte[]> observations = new ArrayList<>();
  private final List<byte[]> nextObservations = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();
  private int round;

  /**
   * A refit of {@code env}'s encoder every {@code every} steps.
   *
   * @param capacity the replay buffer's capacity (rows are kept in its ring order)
   */
  public EncoderRefit(
      EncodedEnv env, long every, int epochs, long seed, int capacity, Path saveDir) {
    if (every < 1) {
      throw new IllegalArgumentException("encoder-refit-every must be >= 1, found " + every);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("encoder-refit-epochs must be >= 1, found " + epochs);
    }
    this.env = env;
    this.every = every;
    this.epochs = epochs;
    this.seed = seed;
    this.capacity = capacity;
    this.saveDir = saveDir;
  }

  /** The refits done so far. */
  public int rounds() {
    return round;
  }

  /** The VAE's last-epoch training loss (nats per frame) of each refit. */
  public List<Double> losses() {
    return List.copyOf(losses);
  }

  @Override
  public double[] afterStep(long step, ReplayBuffer buffer, double[] observation) {
    int row = (int) ((step - 1) % capacity);
    byte[] obs = env.previousRaw();
    byte[] next = env.lastRaw();
    if (row < observations.size()) {
      observations.set(row, obs);
      nextObservations.set(row, next);
    } else {
      observations.add(obs);
      nextObservations.add(next);
    }
    if (step % every != 0) {
      return observation;
    }
    refit(buffer);
    return env.reencodeLast();
  }

  private void refit(ReplayBuffer buffer) {
    ObservationEncoder enc = env.encoder();
    int threads = EngineSetup.currentThreads();
    int n = observations.size();
    int d = enc.shape().frameSize();
    int k = enc.shape().channels();
    float[] frames = new float[n * d];
    for (int i = 0; i < n; i++) {
      byte[] o = observations.get(i);
      for (int j = 0; j < d; j++) {
        frames[i * d + j] = (o[(k - 1) * d + j] & 0xFF) / 255f;
      }
    }
    TrainConfig t = new TrainConfig(epochs, 128, 1e-3, 1.0, Estimator.PATHWISE, 5, seed, 1, false);
    losses.add(VaeRefit.fineTune(enc.vae(), frames, n, t, ++round));
    EngineSetup.threads(threads);
    // re-encode every buffered row: both stacks, all k frames
    float[] all = new float[2 * n * k * d];
    for (int i = 0; i < n; i++) {
      copy(observations.get(i), all, (2 * i) * k * d);
      copy(nextObservations.get(i), all, (2 * i + 1) * k * d);
    }
    float[] z = enc.encodeFrames(all, 2 * n * k);
    int width = k * enc.latent();
    for (int i = 0; i < n; i++) {
      buffer.replaceObservations(
          i,
          java.util.Arrays.copyOfRange(z, (2 * i) * width, (2 * i + 1) * width),
          java.util.Arrays.copyOfRange(z, (2 * i + 1) * width, (2 * i + 2) * width));
    }
    if (saveDir != null && enc.runConfig() != null) {
      org.varl.core.io.AtomicFiles.writeString(
          saveDir.resolve("refit.txt"), "round " + round + " loss " + losses.get(round - 1) + "\n");
      VaeRefit.save(enc.runConfig(), enc.vae(), saveDir);
    }
  }

  private static void copy(byte[] raw, float[] out, int offset) {
    for (int i = 0; i < raw.length; i++) {
      out[offset + i] = (raw[i] & 0xFF) / 255f;
    }
  }
}
