package org.varl.experiments.imitation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.experiments.Listener;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.Demonstrations;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;

/**
 * Issue 12's target on one seed, with every default: the CVAE trained on 200 demonstrations of the
 * one-disc task, z drawn once per episode, succeeds in >= 90% of 200 evaluation episodes with
 * behaviour entropy >= 0.8 (measured on seed 1: 0.96 and 0.99; the README's table has 3 seeds).
 * About 15 s of training on one core.
 */
class ImitationTargetTest {

  @Test
  void theCvaeWithPerEpisodeZKeepsBothSidesAndSucceeds() {
    List<DemoRow> demos = Demonstrations.generate(1, 200, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      ImitationModel model =
          ImitationTraining.train(m, ImitationTrainConfig.defaults(), 1, demos, Listener.NONE);
      ImitationMetrics e =
          ImitationEvaluation.evaluate(m, model, LatentChoice.PER_EPISODE, 200, 1, Listener.NONE)
              .metrics();
      assertThat(e.successRate()).as(e.toString()).isGreaterThanOrEqualTo(0.9);
      assertThat(e.behaviourEntropy()).as(e.toString()).isGreaterThanOrEqualTo(0.8);
      // the encoder carries the side: about log 2 nats of KL per step at the end of training
      double[][] h = model.history();
      double kl = 0;
      for (int t = h.length - 200; t < h.length; t++) {
        kl += h[t][2] / 200;
      }
      assertThat(kl).as("KL per step").isBetween(0.4, 2.0);
    }
  }
}
