package org.varl.models.toy;

import java.util.SplittableRandom;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.TrainTestSplit;

/**
 * A finite data set as {@link PointData}: training draws are rows of the training part chosen
 * uniformly with replacement, and the held-out set is the test part. Images (values in [0, 1]) are
 * mapped to [−1, 1] by {@code 2x − 1}, the scale of Ho et al.'s DDPM, so that they match the prior
 * N(0, I) in scale; {@link #toData} maps back.
 */
public final class SplitPoints implements PointData {

  private final String spec;
  private final ArrayDataset train;
  private final ArrayDataset test;
  private final boolean images;

  /**
   * Wraps {@code split}; {@code images} turns on the map {@code x ↦ 2x − 1} (for data in [0, 1]).
   */
  public SplitPoints(String spec, TrainTestSplit split, boolean images) {
    this.spec = spec;
    this.train = split.train();
    this.test = split.test();
    this.images = images;
    if (train.size() < 1) {
      throw new IllegalArgumentException("data " + spec + " has no training rows");
    }
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public int dimension() {
    return train.dimension();
  }

  @Override
  public int[] imageShape() {
    return images ? train.imageShape() : new int[0];
  }

  /** Number of training rows. */
  public int trainSize() {
    return train.size();
  }

  /** Number of held-out (test) rows. */
  public int testSize() {
    return test.size();
  }

  @Override
  public float[] sample(int n, SplittableRandom random) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = random.nextInt(train.size());
    }
    return toModel(train.gather(idx, new float[n * train.dimension()]));
  }

  @Override
  public float[] heldOut(int n, SplittableRandom random) {
    int m = Math.min(n, test.size());
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    return toModel(test.gather(idx, new float[m * test.dimension()]));
  }

  /** Data values to the model's scale (in place): {@code 2x − 1} for images, else unchanged. */
  private float[] toModel(float[] x) {
    if (images) {
      for (int i = 0; i < x.length; i++) {
        x[i] = 2 * x[i] - 1;
      }
    }
    return x;
  }

  /** Model values back to the data's scale (a copy): {@code (x + 1) / 2} for images. */
  public float[] toData(float[] x) {
    float[] out = x.clone();
    if (images) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (out[i] + 1) / 2;
      }
    }
    return out;
  }
}
