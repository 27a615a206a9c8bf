package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

  private static double[][] features(int n, int d, SplittableRandom r) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void exactLinearTargetHasRSquaredOne() {
    SplittableRandom r = new SplittableRandom(1);
    double[][] train = features(200, 4, r);
    double[][] test = features(100, 4, r);
    double[] w = {0.5, -2, 0, 3};
    double[] yTrain = new double[200];
    double[] yTest = new double[100];
    for (int i = 0; i < 200; i++) {
      yTrain[i] = 7 + dot(w, train[i]);
    }
    for (int i = 0; i < 100; i++) {
      yTest[i] = 7 + dot(w, test[i]);
    }
    assertThat(LinearProbe.r2(train, yTrain, test, yTest)).isCloseTo(1.0, within(1e-9));
    double[] coef = LinearProbe.fit(train, yTrain);
    assertThat(coef).containsExactly(new double[] {0.5, -2, 0, 3, 7}, within(1e-7));
  }

  @Test
  void independentTargetHasRSquaredNearZeroAndNoisyTargetMatchesTheory() {
    SplittableRandom r = new SplittableRandom(2);
    double[][] train = features(5000, 3, r);
    double[][] test = features(5000, 3, r);
    double[] noiseTrain = new double[5000];
    double[] noiseTest = new double[5000];
    double[] halfTrain = new double[5000];
    double[] halfTest = new double[5000];
    for (int i = 0; i < 5000; i++) {
      noiseTrain[i] = r.nextGaussian();
      noiseTest[i] = r.nextGaussian();
      // y = x_0 + e with var(x_0) = var(e) = 1: the best linear predictor explains half the variance.
      halfTrain[i] = train[i][0] + r.nextGaussian();
      halfTest[i] = test[i][0] + r.nextGaussian();
    }
    assertThat(LinearProbe.r2(train, noiseTrain, test, noiseTest)).isBetween(-0.01, 0.01);
    assertThat(LinearProbe.r2(train, halfTrain, test, halfTest)).isCloseTo(0.5, within(0.03));
  }

  @Test
  void deadLatentDimensionDoesNotBreakTheFit() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] x = features(100, 3, r);
    double[] y = new double[100];
    for (int i = 0; i < 100; i++) {
      x[i][2] = 0; // a collapsed latent: constant column, singular normal equations without the guard
      y[i] = x[i][0];
    }
    assertThat(LinearProbe.r2(x, y, x, y)).isCloseTo(1.0, within(1e-6));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
