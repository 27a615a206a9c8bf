package org.varl.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.io.Checkpoint;
import org.varl.models.diffusion.TimeConditionedMlp;
import org.varl.testing.ResourceCounts;

/** Conditional paths, couplings and the trainer. */
class FlowMatchingTest {

  @TempDir Path dir;

  /**
   * σ_min = 0: x_t = (1 − t) x_0 + t x_1 and u_t = x_1 − x_0 (I-CFM, the peer); σ_min = 0.1: x_t =
   * (1 − 0.9 t) x_0 + t x_1, u_t = x_1 − 0.9 x_0 (Lipman et al. 2023, eq. 22–23).
   */
  @Test
  void conditionalPathAndTarget() {
    float[] x0 = {1, -2, 0.5f, 3};
    float[] x1 = {4, 2, -1, 0};
    double[] t = {0.25, 1};
    float[] xt = new float[4];
    float[] u = new float[4];
    ConditionalPath.build(x0, x1, t, 0, 2, xt, u);
    assertThat(xt).containsExactly(new float[] {1.75f, -1f, -1f, 0f}, within(1e-6f));
    assertThat(u).containsExactly(new float[] {3, 4, -1.5f, -3}, within(1e-6f));
    ConditionalPath.build(x0, x1, t, 0.1, 2, xt, u);
    // Row 0: a = 1 − 0.9·0.25 = 0.775; row 1 at t = 1: x_t = 0.1 x_0 + x_1.
    assertThat(xt)
        .containsExactly(new float[] {0.775f + 1f, -1.55f + 0.5f, 0.05f - 1f, 0.3f}, within(1e-6f));
    assertThat(u).containsExactly(new float[] {3.1f, 3.8f, -1.45f, -2.7f}, within(1e-6f));
  }

  static float[] points(SplittableRandom r, int n, int d) {
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextGaussian());
    }
    return x;
  }

  static double bruteForce(double[][] c, int[] perm, int k) {
    if (k == perm.length) {
      double s = 0;
      for (int i = 0; i < perm.length; i++) {
        s += c[i][perm[i]];
      }
      return s;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = k; i < perm.length; i++) {
      int tmp = perm[k];
      perm[k] = perm[i];
      perm[i] = tmp;
      best = Math.min(best, bruteForce(c, perm, k + 1));
      perm[i] = perm[k];
      perm[k] = tmp;
    }
    return best;
  }

  /** The exact pairing's cost is the minimum over all 7! permutations, in 20 random batches. */
  @Test
  void otCouplingMinimizesTheBatchCost() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      float[] x0 = points(r, 7, 2);
      float[] x1 = points(r, 7, 2);
      double[][] c = MinibatchCoupling.cost(x0, x1, 2);
      MinibatchCoupling.Pairs p = MinibatchCoupling.exact(x0, x1, 2);
      double cost = 0;
      for (int i = 0; i < 7; i++) {
        cost += c[p.noise()[i]][p.data()[i]];
      }
      assertThat(cost).isCloseTo(bruteForce(c, new int[] {0, 1, 2, 3, 4, 5, 6}, 0), within(1e-9));
      assertThat(p.data()).as("a permutation").containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
    }
  }

  /**
   * ⟨π_ε, C⟩ decreases to the optimal cost as ε → 0 (here 1/n of the assignment's total), with
   * uniform marginals.
   */
  @Test
  void sinkhornApproachesTheOptimalCostAsEpsilonShrinks() {
    SplittableRandom r = new SplittableRandom(12);
    float[] x0 = points(r, 6, 2);
    float[] x1 = points(r, 6, 2);
    // Unit-scale costs (~1 per pair): at ε = 0.01 Sinkhorn's rows still converge only to ~1e-6.
    for (int i = 0; i < 12; i++) {
      x0[i] /= 4;
      x1[i] /= 4;
    }
    double[][] c = MinibatchCoupling.cost(x0, x1, 2);
    double optimal = bruteForce(c, new int[] {0, 1, 2, 3, 4, 5}, 0) / 6;
    double previous = Double.POSITIVE_INFINITY;
    double last = 0;
    for (double eps : new double[] {10, 1, 0.1, 0.01}) {
      double[][] plan = Sinkhorn.plan(c, eps, 20000, 1e-12);
      for (int i = 0; i < 6; i++) {
        double row = 0;
        double col = 0;
        for (int j = 0; j < 6; j++) {
          row += plan[i][j];
          col += plan[j][i];
        }
        // Columns are exact after each g-update; rows converge slowly for small ε.
        assertThat(row).isCloseTo(1.0 / 6, within(1e-5));
        assertThat(col).isCloseTo(1.0 / 6, within(1e-12));
      }
      double cost = Sinkhorn.transportCost(plan, c);
      assertThat(cost).isGreaterThanOrEqualTo(optimal * (1 - 1e-4)).isLessThan(previous);
      previous = cost;
      last = cost;
    }
    // The entropic bias at ε = 0.01 is ~1e-3 of the cost here.
    assertThat(last).isCloseTo(optimal, within(3e-3 * optimal));
    // The independent coupling pays much more.
    double independent = 0;
    for (double[] row : c) {
      for (double v : row) {
        independent += v / 36;
      }
    }
    assertThat(independent).isGreaterThan(1.5 * optimal);
  }

  @Test
  void sinkhornPairsAreDrawnFromThePlan() {
    SplittableRandom r = new SplittableRandom(13);
    float[] x0 = points(r, 64, 2);
    float[] x1 = points(r, 64, 2);
    MinibatchCoupling.Pairs exact = MinibatchCoupling.exact(x0, x1, 2);
    MinibatchCoupling.Pairs drawn =
        MinibatchCoupling.sinkhorn(x0, x1, 2, 0.01, new SplittableRandom(1));
    double[][] c = MinibatchCoupling.cost(x0, x1, 2);
    double exactCost = 0;
    double drawnCost = 0;
    double independent = 0;
    for (int k = 0; k < 64; k++) {
      exactCost += c[exact.noise()[k]][exact.data()[k]] / 64;
      drawnCost += c[drawn.noise()[k]][drawn.data()[k]] / 64;
      for (int j = 0; j < 64; j++) {
        independent += c[k][j] / (64 * 64);
      }
    }
    // Pairs drawn from a sharp plan cost about what the optimal pairs cost, far below random pairs.
    assertThat(drawnCost).isCloseTo(exactCost, within(0.25 * exactCost));
    assertThat(independent).isGreaterThan(3 * exactCost);
  }

  /** The network's exact divergence against central differences of its velocity (float32). */
  @Test
  void networkDivergenceMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager();
        TimeConditionedMlp net = TimeConditionedMlp.create(m, 2, 5)) {
      NetworkVelocity v = new NetworkVelocity(net);
      float[][] x = {{0.3f, -1.2f}, {2.5f, 0.7f}, {-3f, 3.5f}};
      double t = 0.42;
      double[] div = toDoubles(Divergence.exact(v, m.create(x), t).divergence());
      float h = 1e-2f;
      for (int r = 0; r < x.length; r++) {
        double trace = 0;
        for (int j = 0; j < 2; j++) {
          float[][] up = {x[r].clone()};
          float[][] down = {x[r].clone()};
          up[0][j] += h;
          down[0][j] -= h;
          trace +=
              (v.velocity(m.create(up), t).toFloatArray()[j]
                      - v.velocity(m.create(down), t).toFloatArray()[j])
                  / (2 * h);
        }
        assertThat(div[r]).as("row " + r).isCloseTo(trace, within(2e-3));
      }
      // The JVP's velocity is the network's forward pass on [x, emb(1000 t)].
      float[] direct =
          net.forward(m.create(x), m.create(new float[] {420f, 420f, 420f})).toFloatArray();
      assertThat(v.velocity(m.create(x), t).toFloatArray()).containsExactly(direct, within(1e-5f));
    }
  }

  static double[] toDoubles(NDArray a) {
    float[] f = a.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static FlowConfig small(int steps) {
    return FlowConfig.defaults()
        .withSteps(steps)
        .withBatchSize(64)
        .withNetwork(32, 2)
        .withLogging(10, 20)
        .withSeed(3);
  }

  static float[] parameters(Path run) {
    Checkpoint c = Checkpoint.read(run.resolve(FlowCheckpoint.FILE), "flow");
    List<Float> all = new ArrayList<>();
    for (var e : c.tensors().entrySet()) {
      if (e.getKey().startsWith("net/")) {
        for (float f : (float[]) e.getValue().values()) {
          all.add(f);
        }
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }

  @Test
  void sameSeedSameModelAndResumeContinuesExactly() {
    for (Coupling coupling : Coupling.values()) {
      FlowConfig c = small(40).withCoupling(coupling);
      Path a = dir.resolve(coupling.id() + "-a");
      Path b = dir.resolve(coupling.id() + "-b");
      List<Integer> counts = new ArrayList<>();
      FlowTrainer.Result ra =
          FlowTrainer.run(c, a, null, (row, total, arrays) -> counts.add(arrays));
      FlowTrainer.run(c, b, null, FlowTrainer.Listener.none());
      assertThat(parameters(a)).containsExactly(parameters(b));
      ResourceCounts.assertFlat("root arrays at each report", counts);
      assertThat(ra.history()).hasSize(4);

      Path half = dir.resolve(coupling.id() + "-half");
      FlowTrainer.run(c.withSteps(20), half, null, FlowTrainer.Listener.none());
      FlowTrainer.Result resumed = FlowTrainer.run(c, half, half, FlowTrainer.Listener.none());
      assertThat(parameters(half)).containsExactly(parameters(a));
      assertThat(resumed.history()).hasSize(4);
      assertThat(resumed.last().lossEma()).isEqualTo(ra.last().lossEma());
    }
    // A different seed gives a different model.
    Path other = dir.resolve("other");
    FlowTrainer.run(small(40).withSeed(4), other, null, FlowTrainer.Listener.none());
    assertThat(parameters(other)).isNotEqualTo(parameters(dir.resolve("independent-a")));
  }

  @Test
  void aDivergingRunStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
    Path run = dir.resolve("nan");
    FlowTrainer.run(small(20), run, null, FlowTrainer.Listener.none());
    byte[] good = Files.readAllBytes(run.resolve(FlowCheckpoint.FILE));
    FlowConfig wild = small(200).withLearningRate(1e30);
    // Resume keeps the run's lr; a fresh run with an absurd lr diverges within a few steps.
    Path bad = dir.resolve("bad");
    assertThatThrownBy(
            () -> FlowTrainer.run(wild.withLogging(10, 10), bad, null, FlowTrainer.Listener.none()))
        .isInstanceOf(FlowDivergedException.class)
        .hasMessageContaining("the loss is");
    assertThat(Files.readAllBytes(run.resolve(FlowCheckpoint.FILE))).isEqualTo(good);
    assertThatThrownBy(() -> FlowTrainer.run(small(20), run, null, FlowTrainer.Listener.none()))
        .hasMessageContaining("already holds a run");
  }

  /** A short run learns: the loss falls and samples land nearer the data than the prior does. */
  @Test
  void trainingReducesTheLossAndSampleEnergyDistance() {
    FlowConfig c = small(300).withNetwork(64, 2).withLogging(50, 300);
    FlowTrainer.Result r =
        FlowTrainer.run(c, dir.resolve("learn"), null, FlowTrainer.Listener.none());
    assertThat(r.last().loss()).isLessThan(0.8 * r.history().get(0).loss());
    FlowCheckpoint ck = FlowCheckpoint.read(dir.resolve("learn"));
    try (NDManager m = NDManager.newBaseManager();
        TimeConditionedMlp net = ck.network(m, 2)) {
      NetworkVelocity v = new NetworkVelocity(net);
      List<FlowEvaluation.QualityRow> rows =
          FlowEvaluation.quality(
              v, m, ck.data(), 500, List.of(OdeSolver.EULER), new int[] {1, 20}, 1);
      assertThat(rows).hasSize(2);
      // The prior N(0, I) itself is far from 8gaussians (energy distance ~2.7 at radius 4).
      assertThat(rows.get(1).energyDistance()).isLessThan(1.0);
      assertThat(rows.get(0).straightness()).isCloseTo(0.0, within(1e-9));
      assertThat(rows.get(1).straightness()).isGreaterThan(0.0);
      FlowEvaluation.Nll nll =
          FlowEvaluation.nll(v, m, ck.data(), 200, 10, ChangeOfVariables.Estimator.EXACT, 1);
      assertThat(nll.nll()).isFinite();
      assertThat(nll.dataEntropy()).isPresent();
      // A model's cross-entropy is at least the data's entropy, up to its standard error.
      assertThat(nll.nll()).isGreaterThan(nll.dataEntropy().getAsDouble() - 4 * nll.nllSe());
    }
  }
}
