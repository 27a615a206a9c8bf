package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataOptions;
import org.varl.core.data.Shapes;

class VaeEvaluatorTest {

  @Test
  void evaluationOfAShortShapesRun(@TempDir Path dir) {
    Path run = dir.resolve("run");
    TrainResult trained = VaeTrainer.run(new TrainRequest("shapes", DataOptions.defaults().withShapesCount(1200),
        new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 64, 4, 0.1),
        new TrainConfig(3, 32, 3e-3, 1, Estimator.PATHWISE, 1, 3, 1, false), run, null), TrainingListener.none());

    EvalResult e = VaeEvaluator.run(new EvalRequest(run, 200, 50, 1));

    assertThat(e.epochs()).isEqualTo(3);
    assertThat(e.testExamples()).isEqualTo(200);
    // Same quantity as test_loss with other noise: agree to a few percent.
    assertThat(e.negativeElbo()).isCloseTo(trained.last().testLoss(), within(0.05 * trained.last().testLoss()));
    assertThat(e.negativeElbo()).isCloseTo(e.reconstruction() + e.kl(), within(1e-6 * e.negativeElbo()));
    // log p(x) >= IWAE bound >= ELBO; with K = 200 the gap is several nats, far above the Monte Carlo error.
    assertThat(e.logLikelihood()).isGreaterThan(e.elboOnSameExamples() + 1);
    assertThat(e.probe()).extracting(EvalResult.ProbeScore::factor).containsExactlyElementsOf(Shapes.FACTOR_NAMES);
    assertThat(e.probe()).allSatisfy(p -> assertThat(p.r2()).isLessThanOrEqualTo(1.0));
    // The lecture's claim, checked: position is linearly readable from the latent means after 3 short epochs.
    double y = e.probe().stream().filter(p -> p.factor().equals("y")).findFirst().orElseThrow().r2();
    assertThat(y).isGreaterThan(0.5);

    // Deterministic given the seed.
    EvalResult again = VaeEvaluator.run(new EvalRequest(run, 200, 50, 1));
    assertThat(again.logLikelihood()).isEqualTo(e.logLikelihood());
    assertThat(again.negativeElbo()).isEqualTo(e.negativeElbo());
  }

  @Test
  void badRequestsAreOneLineErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> new EvalRequest(dir, 0, 10, 1)).hasMessage("k must be >= 1, found 0");
    assertThatThrownBy(() -> VaeEvaluator.run(new EvalRequest(dir, 10, 10, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no checkpoint at ");
  }
}
