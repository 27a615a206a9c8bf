package org.varl.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.Scalars;

/** The hand-derived backward pass of the regression loss against DJL autograd. */
class RegressionStepTest {

  @Test
  void lossAndGradientsMatchAutogradWithAndWithoutWeights() {
    for (boolean weighted : new boolean[] {false, true}) {
      try (NDManager root = NDManager.newBaseManager();
          TimeConditionedMlp net = TimeConditionedMlp.create(root, 3, 16, 3, 8, 4)) {
        NDManager m = root.newSubManager();
        int b = 7;
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[b * 3];
        float[] y = new float[b * 3];
        double[] t = new double[b];
        float[] w = new float[b];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) r.nextGaussian();
          y[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b; i++) {
          t[i] = r.nextInt(1000);
          w[i] = (float) (0.1 + r.nextDouble());
        }
        NDArray input = net.toEngine(m, net.input(x, t));
        NDArray target = m.create(y, new Shape(b, 3));
        RegressionStep.Result analytic =
            new RegressionStep(net).compute(input, target, weighted ? w : null);

        float expectedLoss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          // The engine embedding path, so the Java input rows are checked too.
          NDArray f = net.forward(m.create(x, new Shape(b, 3)), m.create(toFloat(t)));
          NDArray sq = f.sub(target).square().sum(new int[] {1});
          if (weighted) {
            sq = sq.mul(m.create(w));
          }
          NDArray loss = Scalars.div(sq.sum(), b);
          gc.backward(loss);
          expectedLoss = loss.getFloat();
        }
        assertThat(analytic.loss().getFloat())
            .isCloseTo(expectedLoss, within(1e-5f * expectedLoss));
        List<NDArray> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
          float[] expected = params.get(i).getGradient().toFloatArray();
          float[] actual = analytic.gradients().get(i).toFloatArray();
          double maxAbs = 0;
          double maxErr = 0;
          for (int j = 0; j < expected.length; j++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[j]));
            maxErr = Math.max(maxErr, Math.abs(expected[j] - actual[j]));
          }
          assertThat(maxAbs).as("gradient %d is not trivially zero", i).isGreaterThan(1e-4);
          assertThat(maxErr).as("gradient %d (weighted %s)", i, weighted).isLessThan(1e-5 * maxAbs);
        }
        m.close();
      }
    }
  }

  private static float[] toFloat(double[] t) {
    float[] f = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      f[i] = (float) t[i];
    }
    return f;
  }
}
