package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.varl.core.analysis.LinearProbe;

/**
 * Open-loop prediction from a filtered belief, and what the belief holds:
 *
 * <pre>
 *   context   t < C:       z_t = E_q[z_t | carry_t, e_t]        (the encoder's mean, filtering)
 *   rollout   t ≥ C:       carry_t = path(carry_{t−1}, z_{t−1}, a_{t−1}),  z_t = E_p[z_t | carry_t]
 *   predicted frame        x̂_t = E[x_t | features(carry_t, z_t)]
 * </pre>
 *
 * under the recorded actions a_t, scored per horizon step k = 1..H (t = C − 1 + k) by the mean
 * squared error over pixels and sequences, against two baselines without dynamics: the last context
 * frame repeated, and optionally a per-frame model ({@code frameBaseline}: the last context frame
 * through a VAE, encoded to its mean and decoded). The encoder sees only x_{0:C} (a smoothing
 * encoder its future inside the context). The probe is the shared {@link LinearProbe} from the
 * belief of a filtering pass over the whole window (μ_z, and [μ_z, h_t] for the RSSM) to the true
 * state, rows t ≥ C − 1, fitted on the first half of the sequences and scored on the second.
 */
public final class SsmPrediction {

  private SsmPrediction() {}

  /**
   * The outcome.
   *
   * @param modelMse per horizon step k = 1..H, {@code [H]}
   * @param lastFrameMse the repeated last context frame, {@code [H]}
   * @param frameBaselineMse the per-frame model, {@code [H]}, or null when none was given
   * @param predicted x̂_t for every sequence and step, {@code [n][C + H][dx]} (t < C: the filtered
   *     reconstruction)
   * @param probeZ R² per state column from μ_z
   * @param probeBelief R² per state column from [μ_z, h_t] (the RSSM), or null for the Markov path
   */
  public record Result(
      double[] modelMse,
      double[] lastFrameMse,
      double[] frameBaselineMse,
      float[][][] predicted,
      double[] probeZ,
      double[] probeBelief) {}

  /**
   * Predicts every window of {@code data} (length ≥ C + H; the first C + H steps are used) with
   * their true states (row-major {@code [n·T][m]} as in {@link ReplaySequences#states()}).
   *
   * @throws IllegalArgumentException if the windows are shorter than C + H, fewer than 2, or do not
   *     fit the model
   */
  public static Result run(
      NDManager manager,
      SequenceModel model,
      SequenceData data,
      double[] states,
      int stateColumns,
      int context,
      int horizon,
      UnaryOperator<float[][]> frameBaseline) {
    SequenceElbo.requireFits(model, data);
    if (context < 1 || horizon < 1) {
      throw new IllegalArgumentException(
          "--context and --horizon must be >= 1, found " + context + " and " + horizon);
    }
    int steps = context + horizon;
    if (data.length() < steps) {
      throw new IllegalArgumentException(
          "the sequences have "
              + data.length()
              + " steps, --context "
              + context
              + " + --horizon "
              + horizon
              + " need "
              + steps);
    }
    int n = data.sequences();
    if (n < 2) {
      throw new IllegalArgumentException(
          "prediction needs at least 2 sequences (the probe fits on half of them), found " + n);
    }
    int dx = data.dimX();
    int da = data.dimA();
    int len = data.length();
    float[] xs = new float[n * steps * dx];
    float[] as = new float[n * steps * Math.max(da, 0)];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < dx; j++) {
          xs[(s * steps + t) * dx + j] = (float) data.x()[(s * len + t) * dx + j];
        }
        for (int k = 0; k < da; k++) {
          as[(s * steps + t) * da + k] = (float) data.a()[(s * len + t) * da + k];
        }
      }
    }
    float[][][] predicted = new float[n][steps][dx];
    List<double[]> zRows = new ArrayList<>();
    List<double[]> beliefRows = new ArrayList<>();
    boolean recurrent = model.config().recurrent();
    int dz = model.config().dimZ();
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(xs, new Shape(n, steps, dx));
      NDArray a = m.create(as, new Shape(n, steps, da));
      NDArray actions = a.transpose(1, 0, 2);
      LatentPath path = model.path();
      // open loop after the context
      Posterior q = model.posterior(x.get(":, :" + context + ", :"));
      NDArray carry = m.zeros(new Shape(n, path.carrySize()));
      NDArray z = null;
      List<NDArray> means = new ArrayList<>();
      for (int t = 0; t < steps; t++) {
        if (t > 0) {
          carry = path.advance(carry, z, actions.get(t - 1));
        }
        // context >= 1, so the rollout's first step already has a carry: p(z_t | carry_t)
        NDArray dist = t < context ? q.at(t, carry) : model.transitionPrior(carry);
        z = dist.get(":, :" + dz);
        means.add(model.observationMean(path.features(carry, z)));
      }
      float[] flat = stackFloats(means);
      for (int s = 0; s < n; s++) {
        for (int t = 0; t < steps; t++) {
          System.arraycopy(flat, (t * n + s) * dx, predicted[s][t], 0, dx);
        }
      }
    }
    double[] modelMse = new double[horizon];
    double[] lastMse = new double[horizon];
    double[] vaeMse = frameBaseline == null ? null : new double[horizon];
    float[][] last = new float[n][dx];
    for (int s = 0; s < n; s++) {
      System.arraycopy(xs, (s * steps + context - 1) * dx, last[s], 0, dx);
    }
    float[][] vae = frameBaseline == null ? null : frameBaseline.apply(last);
    for (int k = 0; k < horizon; k++) {
      int t = context + k;
      double sm = 0;
      double sl = 0;
      double sv = 0;
      for (int s = 0; s < n; s++) {
        for (int j = 0; j < dx; j++) {
          double truth = xs[(s * steps + t) * dx + j];
          sm += sq(predicted[s][t][j] - truth);
          sl += sq(last[s][j] - truth);
          if (vae != null) {
            sv += sq(vae[s][j] - truth);
          }
        }
      }
      double count = (double) n * dx;
      modelMse[k] = sm / count;
      lastMse[k] = sl / count;
      if (vaeMse != null) {
        vaeMse[k] = sv / count;
      }
    }
    double[][][] beliefs = filter(manager, model, data);
    for (int t = context - 1; t < steps; t++) {
      for (int s = 0; s < n; s++) {
        double[] b = beliefs[s][t];
        zRows.add(java.util.Arrays.copyOf(b, dz));
        if (recurrent) {
          beliefRows.add(b);
        }
      }
    }
    // probe rows: sequence-major within each step; split by sequence
    int rowsPerStep = n;
    int probeSteps = steps - (context - 1);
    double[][] targets = new double[rowsPerStep * probeSteps][];
    for (int p = 0; p < probeSteps; p++) {
      int t = context - 1 + p;
      for (int s = 0; s < n; s++) {
        double[] row = new double[stateColumns];
        System.arraycopy(states, (s * len + t) * stateColumns, row, 0, stateColumns);
        targets[p * n + s] = row;
      }
    }
    double[] probeZ = probe(zRows, targets, n);
    double[] probeBelief = recurrent ? probe(beliefRows, targets, n) : null;
    return new Result(modelMse, lastMse, vaeMse, predicted, probeZ, probeBelief);
  }

  /**
   * The filtering beliefs of every sequence, {@code [n][T][dim]}: [μ_z,t] (Markov) or [μ_z,t, h_t]
   * (RSSM), z_t the posterior mean given x_{0:t} and a_{0:t−1} ({@link SsmFilter} online), all
   * sequences at once in one sub-manager. With a smoothing encoder the means see x_{t:T}.
   */
  public static double[][][] filter(NDManager manager, SequenceModel model, SequenceData data) {
    SequenceElbo.requireFits(model, data);
    int n = data.sequences();
    int steps = data.length();
    int dx = data.dimX();
    int da = data.dimA();
    int dz = model.config().dimZ();
    LatentPath path = model.path();
    boolean recurrent = model.config().recurrent();
    int dh = recurrent ? path.carrySize() : 0;
    double[][][] out = new double[n][steps][dz + dh];
    try (NDManager m = manager.newSubManager()) {
      NDArray x =
          m.create(SequenceElbo.floats(data.x(), 0, n * steps * dx), new Shape(n, steps, dx));
      NDArray actions =
          m.create(SequenceElbo.floats(data.a(), 0, n * steps * da), new Shape(n, steps, da))
              .transpose(1, 0, 2);
      Posterior f = model.posterior(x);
      NDArray carry = m.zeros(new Shape(n, path.carrySize()));
      NDArray z = null;
      for (int t = 0; t < steps; t++) {
        if (t > 0) {
          carry = path.advance(carry, z, actions.get(t - 1));
        }
        z = f.at(t, carry).get(":, :" + dz);
        float[] zv = z.toFloatArray();
        float[] hv = recurrent ? carry.toFloatArray() : null;
        for (int s = 0; s < n; s++) {
          for (int j = 0; j < dz; j++) {
            out[s][t][j] = zv[s * dz + j];
          }
          for (int j = 0; j < dh; j++) {
            out[s][t][dz + j] = hv[s * dh + j];
          }
        }
      }
    }
    return out;
  }

  private static float[] stackFloats(List<NDArray> arrays) {
    return ai.djl.ndarray.NDArrays.stack(new NDList(arrays), 0).toFloatArray();
  }

  /** Fits on rows of the first ⌈n/2⌉ sequences, R² on the rest. */
  static double[] probe(List<double[]> features, double[][] targets, int n) {
    int half = (n + 1) / 2;
    List<double[]> fx = new ArrayList<>();
    List<double[]> fy = new ArrayList<>();
    List<double[]> tx = new ArrayList<>();
    List<double[]> ty = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      boolean fit = i % n < half;
      (fit ? fx : tx).add(features.get(i));
      (fit ? fy : ty).add(targets[i]);
    }
    LinearProbe p = LinearProbe.fit(fx.toArray(new double[0][]), fy.toArray(new double[0][]));
    return p.r2(tx.toArray(new double[0][]), ty.toArray(new double[0][]));
  }

  private static double sq(double v) {
    return v * v;
  }
}
