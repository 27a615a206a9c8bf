package org.varl.core.estimators;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.EngineSetup;

/**
 * The learned baseline learns {@code E[f | x]} through the score-function surrogate alone (its
 * regression loss rides on the surrogate, see {@link Baseline#observe}). Problem: context {@code x
 * ∈ R³} varying across a batch of 64, {@code q = N(0, 1)} per example, {@code f(z; x) = w·x + c +
 * z} with {@code w = (1.5, −2, 0.5)}, {@code c = 3}, so {@code E_q[f | x] = w·x + c} (standard
 * deviation ≈ 2.5 over x) while a single draw scatters around it with standard deviation 1. Plain
 * SGD on {@code surrogate.loss()}, one draw per example, step 0.05, 400 steps, seed 3.
 */
class LearnedBaselineTest {

  private static final float[] W = {1.5f, -2f, 0.5f};
  private static final float C = 3f;
  private static final int BATCH = 64;
  private static final int STEPS = 400;
  private static final float STEP_SIZE = 0.05f;

  @Test
  void learnsTheConditionalMeanOfTheSignal() {
    EngineSetup.seed(3);
    try (NDManager root = NDManager.newBaseManager()) {
      NDArray w = root.create(W, new Shape(3, 1));
      NDArray trainX = root.randomNormal(new Shape(BATCH, 3));
      NDArray testX = root.randomNormal(new Shape(256, 3));
      NDArray loc =
          root.zeros(
              new Shape(BATCH)); // q's parameter, so the surrogate has a gradient without b too
      loc.setRequiresGradient(true);
      LearnedBaseline baseline = LearnedBaseline.linear(root, 3);
      ScoreFunctionEstimator estimator = new ScoreFunctionEstimator(baseline);
      double before = baselineError(root, baseline, testX, w);
      double lossBefore = regressionLoss(root, baseline, trainX, w);
      for (int t = 0; t < STEPS; t++) {
        try (NDManager step = root.newSubManager()) {
          step.tempAttachAll(w, trainX, loc);
          step.tempAttachAll(baseline.parameters().toArray(new NDArray[0]));
          NDArray conditionalMean = trainX.matMul(w).reshape(-1).add(C); // [B]
          Normal q = Normal.of(loc, step.ones(new Shape(BATCH)));
          Integrand f = z -> z.add(conditionalMean); // z: [S, B]
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Surrogate s = estimator.surrogate(q, f, 1, trainX);
            gc.backward(s.loss());
          }
          for (NDArray p : baseline.parameters()) {
            NDArray g = p.getGradient();
            p.subi(g.mul(STEP_SIZE));
            g.subi(g);
          }
          NDArray locGradient = loc.getGradient(); // q stays N(0, 1): only the baseline learns
          locGradient.subi(locGradient);
        }
      }
      double after = baselineError(root, baseline, testX, w);
      double lossAfter = regressionLoss(root, baseline, trainX, w);
      // Before training b = 0: its RMS distance from E[f | x] is about sqrt(|w|² + c²) ≈ 3.9.
      assertThat(before).isGreaterThan(3.0);
      // After: within 0.1 of E[f | x] on 256 fresh inputs (RMS), 4% of the spread of E[f | x]
      // itself (sd ≈ 2.5).
      assertThat(after).isLessThan(0.1);
      // Its regression loss against the single-draw signal falls from ≈ 17 to the noise floor
      // (variance 1).
      assertThat(lossBefore / lossAfter).isGreaterThan(8.0);
      assertThat(lossAfter).isLessThan(1.2);
    }
  }

  /** RMS over the rows of {@code x} of {@code b(x) − (w·x + c)}. */
  private static double baselineError(
      NDManager root, LearnedBaseline baseline, NDArray x, NDArray w) {
    try (NDManager scope = root.newSubManager()) {
      scope.tempAttachAll(x, w);
      NDArray signal = scope.zeros(new Shape(1, x.getShape().get(0)), DataType.FLOAT32);
      NDArray b = baseline.value(signal, x).reshape(-1);
      NDArray truth = x.matMul(w).reshape(-1).add(C);
      return Math.sqrt(b.sub(truth).square().mean().getFloat());
    }
  }

  /**
   * The baseline's regression loss {@code mean (b(x_b) − f_sb)²} over 10 fresh draws of the signal
   * per row.
   */
  private static double regressionLoss(
      NDManager root, LearnedBaseline baseline, NDArray x, NDArray w) {
    try (NDManager scope = root.newSubManager()) {
      scope.tempAttachAll(x, w);
      NDArray mean = x.matMul(w).reshape(1, -1).add(C);
      NDArray signal = scope.randomNormal(new Shape(10, mean.getShape().get(1))).add(mean);
      return baseline.value(signal, x).sub(signal).square().mean().getFloat();
    }
  }
}
