package org.varl.experiments.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.Listener;
import org.varl.models.ssm.Kalman;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmEncoder;

/**
 * The experiment on a small budget: its exact value is the Kalman filter's, its parts consistent.
 */
class LinearGaussianCheckTest {

  @Test
  void smallRunReportsTheKalmanValueAndBothEncoders() {
    EngineSetup.threads(1);
    LinearGaussianCheckConfig c =
        LinearGaussianCheckConfig.defaults().withLength(6).withSequences(40).withSteps(30);
    LinearGaussianCheck.Result r = LinearGaussianCheck.run(c, Listener.NONE);
    SequenceData held = LinearGaussianSsm.random(2, 4, 1, 1).sample(40, 6, 1).heldOut();
    double exact = 0;
    for (double v : Kalman.logLikelihoods(LinearGaussianSsm.random(2, 4, 1, 1), held)) {
      exact += v / 6 / held.sequences();
    }
    assertThat(r.kalmanPerStep()).isCloseTo(exact, Offset.offset(1e-12));
    assertThat(r.heldOut()).isEqualTo(8);
    assertThat(r.filtering().encoder()).isEqualTo(SsmEncoder.FILTERING);
    assertThat(r.smoothing().encoder()).isEqualTo(SsmEncoder.SMOOTHING);
    for (LinearGaussianCheck.EncoderResult e :
        new LinearGaussianCheck.EncoderResult[] {r.filtering(), r.smoothing()}) {
      assertThat(e.history()).hasNumberOfRows(30);
      assertThat(e.gapPerStep())
          .isCloseTo(r.kalmanPerStep() - e.elboPerStep(), Offset.offset(1e-9));
      assertThat(e.gapSe()).isPositive();
    }
    assertThat(r.untrainedElboPerStep()).isLessThan(r.kalmanPerStep());
  }
}
