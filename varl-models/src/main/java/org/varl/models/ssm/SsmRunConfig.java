package org.varl.models.ssm;

/**
 * What a checkpoint stores as its JSON config: the model's structure and the training run's
 * settings.
 *
 * @param model the structure
 * @param train the training run (steps = the steps done when written)
 */
public record SsmRunConfig(SsmConfig model, SsmTrainConfig train) {

  public SsmRunConfig {
    if (model == null || train == null) {
      throw new IllegalArgumentException("model and train configs are required");
    }
  }
}
