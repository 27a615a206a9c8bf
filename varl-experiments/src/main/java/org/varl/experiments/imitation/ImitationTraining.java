package org.varl.experiments.imitation;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.varl.experiments.Listener;
import org.varl.models.bc.BcPolicy;
import org.varl.models.bc.BcTrainer;
import org.varl.models.bc.GaussianBcPolicy;
import org.varl.models.bc.MseBcPolicy;
import org.varl.models.cvae.CvaeTrainer;
import org.varl.models.diffpolicy.DiffusionPolicy;
import org.varl.models.diffpolicy.DiffusionPolicyConfig;
import org.varl.models.diffpolicy.DiffusionPolicyTrainer;
import org.varl.models.diffpolicy.UnitScaling;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.DemoScaling;

/**
 * Trains the configured policy on the demonstrations' (state, action) pairs, standardized by their
 * own {@link DemoScaling} (the diffusion policy then maps the standardized values to [−1, 1] by its
 * own min-max {@link UnitScaling}, its sampler's clip range). One listener stage, one unit per
 * optimizer step.
 */
public final class ImitationTraining {

  private ImitationTraining() {}

  /**
   * A trained model in {@code manager} for the task with {@code obstacles} discs.
   *
   * @throws IllegalArgumentException if there are no rows
   */
  public static ImitationModel train(
      NDManager manager,
      ImitationTrainConfig config,
      int obstacles,
      List<DemoRow> rows,
      Listener listener) {
    DemoScaling scaling = DemoScaling.fit(rows);
    float[] states = scaling.states(rows);
    float[] actions = scaling.actions(rows);
    ImitationPolicyKind kind = config.policy();
    listener.stage("train " + kind.id(), config.steps());
    return switch (kind) {
      case BC_GAUSSIAN, BC_MSE -> {
        BcPolicy p =
            kind == ImitationPolicyKind.BC_GAUSSIAN
                ? GaussianBcPolicy.create(manager, config.bc(), 2, 2)
                : MseBcPolicy.create(manager, config.bc(), 2, 2);
        BcTrainer.Run run =
            BcTrainer.train(manager, config.bc(), p, states, actions, t -> listener.advance(1));
        yield new ImitationModel(kind, obstacles, scaling, config, null, run, null);
      }
      case CVAE, CVAE_LEARNED_PRIOR -> {
        CvaeTrainer.Run run =
            CvaeTrainer.train(
                manager, config.cvae(), states, 2, actions, 2, t -> listener.advance(1));
        yield new ImitationModel(kind, obstacles, scaling, config, run, null, null);
      }
      case DIFFUSION -> {
        DiffusionPolicyConfig dc = config.diffusion();
        DiffusionPolicy p =
            DiffusionPolicy.create(
                manager, dc, UnitScaling.fit(states, 2), UnitScaling.fit(actions, 2));
        DiffusionPolicyTrainer.Run run =
            DiffusionPolicyTrainer.train(manager, dc, p, states, actions, t -> listener.advance(1));
        yield new ImitationModel(kind, obstacles, scaling, config, null, null, run);
      }
    };
  }
}
