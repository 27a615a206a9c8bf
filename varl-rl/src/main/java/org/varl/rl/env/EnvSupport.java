package org.varl.rl.env;

import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/** What every environment here shares: its reset generator and the checks of a set state. */
final class EnvSupport {

  private EnvSupport() {}

  /** The generator {@code reset(seed)} installs: the {@link Streams#ENVIRONMENT} stream of seed. */
  static SplittableRandom generator(long seed) {
    return NoiseStream.generator(seed, Streams.ENVIRONMENT);
  }

  /** The generator, or an IllegalStateException when {@code reset(seed)} never seeded it. */
  static SplittableRandom seeded(SplittableRandom random, String id) {
    if (random == null) {
      throw new IllegalStateException(
          id
              + ": reset() continues the generator of an earlier reset(seed); call reset(seed) first");
    }
    return random;
  }

  /**
   * Checks a physical state given to {@code setState}: the length and finite entries.
   *
   * @param names the coordinates in Gymnasium's order, for the message, e.g. {@code "θ, θ̇"}
   */
  static double[] checkState(double[] state, int length, String names) {
    if (state.length != length) {
      throw new IllegalArgumentException(
          "state must have length " + length + " (" + names + "), found " + state.length);
    }
    for (int i = 0; i < length; i++) {
      if (!Double.isFinite(state[i])) {
        throw new IllegalArgumentException(
            "state must be finite, found " + state[i] + " at index " + i);
      }
    }
    return state.clone();
  }

  /** Throws an IllegalStateException when no episode has been started. */
  static void requireStarted(boolean started, String id) {
    if (!started) {
      throw new IllegalStateException(id + ": call reset(seed) or setState before step");
    }
  }
}
