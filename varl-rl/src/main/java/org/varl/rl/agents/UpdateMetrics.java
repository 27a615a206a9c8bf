package org.varl.rl.agents;

/**
 * What one gradient update reports (SB3's logger keys in brackets).
 *
 * @param criticLoss the critic's loss ({@code train/critic_loss}; the Q loss of soft Q / DQN)
 * @param actorLoss the actor's loss ({@code train/actor_loss}; NaN for agents without an actor)
 * @param alpha the temperature α used in this update ({@code train/ent_coef})
 * @param entropy the policy's entropy estimate on the batch, −E log π(a|s), in nats
 */
public record UpdateMetrics(double criticLoss, double actorLoss, double alpha, double entropy) {

  /**
   * Whether the update stayed finite: critic loss and α finite, actor loss finite or absent (NaN).
   * A diverged actor cannot hide behind the NaN: its NaN actions make the next critic loss NaN.
   */
  public boolean finite() {
    return Double.isFinite(criticLoss) && Double.isFinite(alpha) && !Double.isInfinite(actorLoss);
  }
}
