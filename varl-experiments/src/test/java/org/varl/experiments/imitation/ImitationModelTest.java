package org.varl.experiments.imitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.experiments.Listener;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.Demonstrations;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstaclePolicy;

/** A model directory written and read back acts identically; a bad one names what is wrong. */
class ImitationModelTest {

  private static final List<DemoRow> DEMOS = Demonstrations.generate(1, 20, 3);

  private static final double[][] STATES = {{0.01, 0.0}, {-0.3, 0.4}, {0.45, 0.8}, {0.0, 0.2}};

  private static double[][] actions(ObstaclePolicy p) {
    p.beginEpisode(0, STATES[0].clone());
    double[][] out = new double[STATES.length][];
    for (int i = 0; i < STATES.length; i++) {
      out[i] = p.act(STATES[i].clone());
    }
    return out;
  }

  @Test
  void everyKindRoundTripsThroughItsDirectory(@TempDir Path dir) {
    for (ImitationPolicyKind kind :
        List.of(
            ImitationPolicyKind.BC_GAUSSIAN,
            ImitationPolicyKind.BC_MSE,
            ImitationPolicyKind.CVAE,
            ImitationPolicyKind.CVAE_LEARNED_PRIOR,
            ImitationPolicyKind.DIFFUSION)) {
      ImitationTrainConfig c = ImitationTrainConfig.defaults().withPolicy(kind).withSteps(25);
      Path d = dir.resolve(kind.id());
      try (NDManager m = NDManager.newBaseManager()) {
        ImitationModel model = ImitationTraining.train(m, c, 1, DEMOS, Listener.NONE);
        model.write(d);
        ImitationModel back = ImitationModel.read(d, m);
        assertThat(back.kind()).isEqualTo(kind);
        assertThat(back.obstacles()).isEqualTo(1);
        // only the trained family's config is stored
        if (kind.hasLatent()) {
          assertThat(back.config().cvae()).isEqualTo(c.cvae());
        } else if (kind == ImitationPolicyKind.DIFFUSION) {
          assertThat(back.config().diffusion()).isEqualTo(c.diffusion());
        } else {
          assertThat(back.config().bc()).isEqualTo(c.bc());
        }
        assertThat(back.history()).isDeepEqualTo(model.history());
        for (LatentChoice z : LatentChoice.values()) {
          assertThat(actions(back.policy(m, z, 9))).isDeepEqualTo(actions(model.policy(m, z, 9)));
        }
      }
    }
  }

  @Test
  void theStandardizationIsUndoneOnTheActions() {
    try (NDManager m = NDManager.newBaseManager()) {
      ImitationModel model =
          ImitationTraining.train(
              m,
              ImitationTrainConfig.defaults().withPolicy(ImitationPolicyKind.BC_MSE).withSteps(0),
              1,
              DEMOS,
              Listener.NONE);
      // an untrained network acts a' of order 1 in standard units: a = mu_a + sigma_a a'
      double[] a = model.policy(m, LatentChoice.ZERO, 1).act(new double[] {0, 0});
      assertThat(Math.abs(a[0] - model.scaling().actionMean()[0]))
          .isLessThan(5 * model.scaling().actionStd()[0]);
      assertThat(model.scaling().actionStd()[0]).isBetween(0.01, 0.05);
    }
  }

  @Test
  void badDirectoriesNameTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path d = dir.resolve("m");
    try (NDManager m = NDManager.newBaseManager()) {
      ImitationTraining.train(
              m,
              ImitationTrainConfig.defaults().withPolicy(ImitationPolicyKind.CVAE).withSteps(2),
              1,
              DEMOS,
              Listener.NONE)
          .write(d);
      String good = Files.readString(d.resolve(ImitationModel.JSON));
      Object[][] cases = {
        {good.replace("\"obstacles\" : 1", "\"obstacles\" : 5"), "obstacles must be 1 or 2"},
        {good.replace("\"cvae\"", "\"gail\""), "policy must be one of"},
        {good.replace("\"cvae\"", "\"cvae-learned-prior\""), "without a learned prior"},
        {
          good.replaceFirst("\"state_std\" : \\[ [^,]+,", "\"state_std\" : [ -1.0,"),
          "stateStd must be finite and > 0, found -1.0 at index 0"
        },
        {good.replace("\"format\" : 1", "\"format\" : 7"), "format must be 1"},
        {"[1, 2", "not JSON"},
      };
      for (Object[] c : cases) {
        Files.writeString(d.resolve(ImitationModel.JSON), (String) c[0]);
        assertThatThrownBy(() -> ImitationModel.read(d, m))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining((String) c[1])
            .hasMessageContaining("m/");
      }
    }
  }
}
