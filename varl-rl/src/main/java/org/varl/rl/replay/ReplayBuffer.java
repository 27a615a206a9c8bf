package org.varl.rl.replay;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.varl.core.io.Checkpoint;

/**
 * A ring buffer of transitions in primitive arrays (SB3's {@code ReplayBuffer}): O(1) insertion
 * that overwrites the oldest transition once {@code capacity} are held, and uniform sampling with
 * replacement from the transitions held ({@code randint(0, size)} per row, as SB3 and CleanRL).
 *
 * <p>Stored as float32, as SB3 stores observations: (s, a, r, s′, terminated, truncated). {@code
 * truncated} is kept for the record (episode boundaries) but never enters the bootstrap target: see
 * {@link ReplayBatch}.
 *
 * <p>The whole buffer (arrays, write position, size) goes into the run's checkpoint ({@link
 * #writeTo}, {@link #readFrom}), so a resumed run samples exactly what the uninterrupted one would
 * have sampled (SB3 issues 29 and 435).
 */
public final class ReplayBuffer {

  private final int capacity;
  private final int observationDim;
  private final int actionDim;
  private final float[] observations;
  private final float[] actions;
  private final float[] rewards;
  private final float[] nextObservations;
  private final float[] terminated;
  private final float[] truncated;
  private int position;
  private int size;

  /**
   * An empty buffer.
   *
   * @throws IllegalArgumentException if a size is not positive or the arrays cannot be allocated
   *     (more than {@code Integer.MAX_VALUE} floats in one array)
   */
  public ReplayBuffer(int capacity, int observationDim, int actionDim) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer-size must be >= 1, found " + capacity);
    }
    if (observationDim < 1 || actionDim < 1) {
      throw new IllegalArgumentException(
          "dimensions must be >= 1, found observation "
              + observationDim
              + " and action "
              + actionDim);
    }
    long widest = (long) capacity * Math.max(observationDim, actionDim);
    if (widest > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "buffer-size "
              + capacity
              + " needs arrays of "
              + widest
              + " floats, more than the "
              + (Integer.MAX_VALUE - 8)
              + " a Java array holds");
    }
    this.capacity = capacity;
    this.observationDim = observationDim;
    this.actionDim = actionDim;
    this.observations = new float[capacity * observationDim];
    this.actions = new float[capacity * actionDim];
    this.rewards = new float[capacity];
    this.nextObservations = new float[capacity * observationDim];
    this.terminated = new float[capacity];
    this.truncated = new float[capacity];
  }

  /** Bytes the arrays of a buffer of these sizes take: the estimate to check before allocating. */
  public static long bytes(long capacity, int observationDim, int actionDim) {
    return 4L * capacity * (2L * observationDim + actionDim + 3);
  }

  /** Adds one transition, overwriting the oldest once the buffer is full. */
  public void add(
      double[] observation,
      double[] action,
      double reward,
      double[] nextObservation,
      boolean isTerminated,
      boolean isTruncated) {
    if (observation.length != observationDim || nextObservation.length != observationDim) {
      throw new IllegalArgumentException(
          "observation must have length "
              + observationDim
              + ", found "
              + observation.length
              + " and "
              + nextObservation.length);
    }
    if (action.length != actionDim) {
      throw new IllegalArgumentException(
          "action must have length " + actionDim + ", found " + action.length);
    }
    int o = position * observationDim;
    for (int i = 0; i < observationDim; i++) {
      observations[o + i] = (float) observation[i];
      nextObservations[o + i] = (float) nextObservation[i];
    }
    int a = position * actionDim;
    for (int i = 0; i < actionDim; i++) {
      actions[a + i] = (float) action[i];
    }
    rewards[position] = (float) reward;
    terminated[position] = isTerminated ? 1f : 0f;
    truncated[position] = isTruncated ? 1f : 0f;
    position = (position + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /**
   * {@code batchSize} transitions drawn uniformly with replacement from those held.
   *
   * @throws IllegalStateException if the buffer is empty
   */
  public ReplayBatch sample(int batchSize, SplittableRandom random) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch-size must be >= 1, found " + batchSize);
    }
    float[] obs = new float[batchSize * observationDim];
    float[] act = new float[batchSize * actionDim];
    float[] rew = new float[batchSize];
    float[] next = new float[batchSize * observationDim];
    float[] term = new float[batchSize];
    for (int b = 0; b < batchSize; b++) {
      int j = random.nextInt(size);
      System.arraycopy(observations, j * observationDim, obs, b * observationDim, observationDim);
      System.arraycopy(
          nextObservations, j * observationDim, next, b * observationDim, observationDim);
      System.arraycopy(actions, j * actionDim, act, b * actionDim, actionDim);
      rew[b] = rewards[j];
      term[b] = terminated[j];
    }
    return new ReplayBatch(batchSize, observationDim, actionDim, obs, act, rew, next, term);
  }

  /** Number of transitions held (at most the capacity). */
  public int size() {
    return size;
  }

  /** The capacity. */
  public int capacity() {
    return capacity;
  }

  /** Whether transition {@code i} (0 = oldest held) was cut by a time limit. */
  public boolean truncated(int i) {
    return truncated[index(i)] != 0f;
  }

  /** Whether transition {@code i} (0 = oldest held) entered a terminal state. */
  public boolean terminated(int i) {
    return terminated[index(i)] != 0f;
  }

  /** The reward of transition {@code i} (0 = oldest held). */
  public float reward(int i) {
    return rewards[index(i)];
  }

  private int index(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("transition " + i + " of " + size);
    }
    return size < capacity ? i : (position + i) % capacity;
  }

  /** Puts the whole buffer under {@code prefix} (arrays of the held part, position, size). */
  public void writeTo(Checkpoint.Builder checkpoint, String prefix) {
    checkpoint.putCounter(prefix + "capacity", capacity);
    checkpoint.putCounter(prefix + "position", position);
    checkpoint.putCounter(prefix + "size", size);
    checkpoint.putFloats(
        prefix + "observations",
        new long[] {size, observationDim},
        head(observations, observationDim));
    checkpoint.putFloats(
        prefix + "actions", new long[] {size, actionDim}, head(actions, actionDim));
    checkpoint.putFloats(prefix + "rewards", new long[] {size}, head(rewards, 1));
    checkpoint.putFloats(
        prefix + "next_observations",
        new long[] {size, observationDim},
        head(nextObservations, observationDim));
    checkpoint.putFloats(prefix + "terminated", new long[] {size}, head(terminated, 1));
    checkpoint.putFloats(prefix + "truncated", new long[] {size}, head(truncated, 1));
  }

  private float[] head(float[] array, int width) {
    float[] out = new float[size * width];
    System.arraycopy(array, 0, out, 0, out.length);
    return out;
  }

  /**
   * Restores a buffer written by {@link #writeTo}.
   *
   * @throws IllegalArgumentException if the checkpoint's buffer does not fit this one (capacity,
   *     dimensions)
   */
  public void readFrom(Checkpoint checkpoint, String prefix) {
    long storedCapacity = checkpoint.counter(prefix + "capacity");
    if (storedCapacity != capacity) {
      throw new IllegalArgumentException(
          "the checkpoint's buffer-size is " + storedCapacity + ", this run's " + capacity);
    }
    int storedSize = Math.toIntExact(checkpoint.counter(prefix + "size"));
    int storedPosition = Math.toIntExact(checkpoint.counter(prefix + "position"));
    if (storedSize < 0
        || storedSize > capacity
        || storedPosition < 0
        || storedPosition >= capacity
        || (storedSize < capacity && storedPosition != storedSize)) {
      // Until the ring is full the write position is the size; a checkpoint saying otherwise would
      // make index(i) name the wrong transitions.
      throw new IllegalArgumentException(
          "the checkpoint's buffer has size " + storedSize + " and position " + storedPosition);
    }
    // Every shape is checked before anything is copied, so a rejected checkpoint leaves the buffer
    // as it was.
    String[] names = {
      "observations", "actions", "rewards", "next_observations", "terminated", "truncated"
    };
    float[][] into = {observations, actions, rewards, nextObservations, terminated, truncated};
    int[] widths = {observationDim, actionDim, 0, observationDim, 0, 0};
    for (int i = 0; i < names.length; i++) {
      checkShape(checkpoint, prefix + names[i], storedSize, widths[i]);
    }
    for (int i = 0; i < names.length; i++) {
      float[] stored = checkpoint.floats(prefix + names[i]);
      System.arraycopy(stored, 0, into[i], 0, stored.length);
    }
    size = storedSize;
    position = storedPosition;
  }

  /**
   * Checks that tensor {@code name} is float32 of shape {@code [rows, width]}, or {@code [rows]}
   * for width 0: the shape, not only the length, so that a buffer of another observation or action
   * dimension is named as such.
   */
  private static void checkShape(Checkpoint checkpoint, String name, int rows, int width) {
    long[] expected = width == 0 ? new long[] {rows} : new long[] {rows, width};
    long[] shape = checkpoint.tensor(name).shape();
    if (!Arrays.equals(shape, expected)) {
      throw new IllegalArgumentException(
          "the checkpoint's "
              + name
              + " has shape "
              + Arrays.toString(shape)
              + ", this buffer's "
              + Arrays.toString(expected));
    }
    checkpoint.floats(name); // the dtype
  }

  /**
   * Replaces the observations of row {@code i} (in storage order) with {@code observation} and
   * {@code nextObservation}: a refit observation encoder re-encodes the rows it holds.
   */
  public void replaceObservations(int i, float[] observation, float[] nextObservation) {
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException("row must be in [0, " + size + "), found " + i);
    }
    if (observation.length != observationDim || nextObservation.length != observationDim) {
      throw new IllegalArgumentException(
          "observations must have " + observationDim + " values, found " + observation.length);
    }
    System.arraycopy(observation, 0, observations, i * observationDim, observationDim);
    System.arraycopy(nextObservation, 0, nextObservations, i * observationDim, observationDim);
  }

  /** The write position: the row the next {@code add} fills. */
  public int position() {
    return position;
  }
}
