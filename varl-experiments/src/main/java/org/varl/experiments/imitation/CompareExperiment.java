package org.varl.experiments.imitation;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.Listener;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.ObstacleExpert;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstacleRollout;
import org.varl.rl.imitation.eval.ObstacleRollouts;

/**
 * The imitation comparison of issue 12: for each seed, each policy kind is trained on the same
 * demonstrations ({@link ImitationTraining}) and evaluated ({@link ImitationEvaluation}) with each
 * z choice if it has a latent, once otherwise; evaluation episodes use the same seed as the
 * training, so every policy meets the same start states. The scripted expert is evaluated once as
 * the reference row. Each model lives in its own sub-manager, closed after its evaluations.
 */
public final class CompareExperiment {

  private CompareExperiment() {}

  /** Runs the comparison on the rows of a demonstrations set with {@code obstacles} discs. */
  public static CompareResult run(
      CompareConfig config, int obstacles, List<DemoRow> rows, Listener listener) {
    List<CompareResult.Cell> cells = new ArrayList<>();
    List<List<ObstacleRollout>> firstRollouts = new ArrayList<>();
    List<String> firstLabels = new ArrayList<>();
    Optional<float[]> latentMeans = Optional.empty();
    int latent = 0;
    // The networks are small: one engine thread (two OpenMP threads on a busy machine spin-wait;
    // measured 169 s instead of ~10 s for one BC training at load 5).
    int threadsBefore = EngineSetup.currentThreads();
    EngineSetup.threads(1);
    try (NDManager root = NDManager.newBaseManager()) {
      for (int i = 0; i < config.seeds(); i++) {
        long seed = config.seed() + i;
        for (ImitationPolicyKind kind : config.policies()) {
          ImitationTrainConfig tc = config.train().withPolicy(kind).withSeed(seed);
          try (NDManager m = root.newSubManager()) {
            long start = System.nanoTime();
            ImitationModel model = ImitationTraining.train(m, tc, obstacles, rows, listener);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i == 0 && kind == ImitationPolicyKind.CVAE) {
              latentMeans = model.latentMeans(m, rows);
              latent = model.latent();
            }
            List<LatentChoice> zs =
                kind.hasLatent() ? config.choices() : java.util.Collections.singletonList(null);
            for (LatentChoice z : zs) {
              ImitationEvaluation.Result r =
                  ImitationEvaluation.evaluate(
                      m,
                      model,
                      z == null ? LatentChoice.ZERO : z,
                      config.episodes(),
                      seed,
                      listener);
              CompareResult.Cell cell =
                  new CompareResult.Cell(
                      kind, z, seed, r.metrics(), firstDx(r.rollouts()), seconds);
              cells.add(cell);
              if (i == 0) {
                firstRollouts.add(r.rollouts());
                firstLabels.add(cell.label());
              }
            }
          }
        }
      }
    } finally {
      EngineSetup.threads(threadsBefore);
    }
    List<ObstacleRollout> expertRollouts =
        ObstacleRollouts.play(
            obstacles,
            ObstacleRollouts.expert(obstacles, ObstacleExpert.NOISE_STD, config.seed()),
            config.episodes(),
            config.seed());
    return new CompareResult(
        obstacles,
        ImitationMetrics.of(obstacles, expertRollouts),
        firstDx(expertRollouts),
        cells,
        summarize(cells, firstLabels),
        firstRollouts,
        latentMeans,
        latent);
  }

  /** The mean over rollouts of |dx| of the first action. */
  static double firstDx(List<ObstacleRollout> rollouts) {
    double sum = 0;
    for (ObstacleRollout r : rollouts) {
      sum += Math.abs(r.actions().get(0)[0]);
    }
    return sum / rollouts.size();
  }

  /** One summary per label, in the order of {@code labels}. */
  static List<CompareResult.Summary> summarize(
      List<CompareResult.Cell> cells, List<String> labels) {
    List<CompareResult.Summary> out = new ArrayList<>();
    for (String label : labels) {
      List<CompareResult.Cell> group = new ArrayList<>();
      for (CompareResult.Cell c : cells) {
        if (c.label().equals(label)) {
          group.add(c);
        }
      }
      int n = group.size();
      double[] success = new double[n];
      double[] collision = new double[n];
      double[] timeout = new double[n];
      double[] entropy = new double[n];
      double[] jerk = new double[n];
      double[] firstDx = new double[n];
      int modes = group.get(0).metrics().modes();
      double[] modeCounts = new double[modes];
      double successes = 0;
      double seconds = 0;
      for (int k = 0; k < n; k++) {
        ImitationMetrics m = group.get(k).metrics();
        success[k] = m.successRate();
        collision[k] = m.collisionRate();
        timeout[k] = m.timeoutRate();
        entropy[k] = m.behaviourEntropy();
        jerk[k] = m.meanJerk();
        firstDx[k] = group.get(k).firstDx();
        for (int j = 0; j < modes; j++) {
          modeCounts[j] += m.modeCounts().get(j);
          successes += m.modeCounts().get(j);
        }
        seconds += group.get(k).trainSeconds() / n;
      }
      for (int j = 0; j < modes; j++) {
        modeCounts[j] = successes > 0 ? modeCounts[j] / successes : 0;
      }
      CompareResult.Cell first = group.get(0);
      out.add(
          new CompareResult.Summary(
              first.policy(),
              first.z(),
              n,
              CompareResult.Spread.of(success),
              CompareResult.Spread.of(collision),
              CompareResult.Spread.of(timeout),
              CompareResult.Spread.of(entropy),
              CompareResult.Spread.of(jerk),
              CompareResult.Spread.of(firstDx),
              modeCounts,
              seconds));
    }
    return out;
  }
}
