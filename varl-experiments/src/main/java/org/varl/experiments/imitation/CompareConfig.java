package org.varl.experiments.imitation;

import java.util.List;
import java.util.Objects;
import org.varl.rl.imitation.eval.LatentChoice;

/**
 * {@code varl imitation compare}: every policy and test-time z choice trained and evaluated on the
 * same demonstrations and seeds.
 *
 * @param train the training config of every policy (its kind and seed are set per cell)
 * @param policies the kinds to train (default: all five)
 * @param choices the z choices evaluated for the CVAE kinds (default: all three)
 * @param seeds how many seeds (default 3: {@code seed}, {@code seed + 1}, ...)
 * @param seed the first seed (default 1)
 * @param episodes evaluation episodes per cell (default 200)
 */
public record CompareConfig(
    ImitationTrainConfig train,
    List<ImitationPolicyKind> policies,
    List<LatentChoice> choices,
    int seeds,
    long seed,
    int episodes) {

  public CompareConfig {
    Objects.requireNonNull(train, "train");
    policies = List.copyOf(policies);
    choices = List.copyOf(choices);
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("policies must name at least one policy, found none");
    }
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("z must name at least one choice, found none");
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, found " + seeds);
    }
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
  }

  /** All policies and z choices, 3 seeds from 1, 200 episodes. */
  public static CompareConfig defaults() {
    return new CompareConfig(
        ImitationTrainConfig.defaults(),
        List.of(ImitationPolicyKind.values()),
        List.of(LatentChoice.values()),
        3,
        1L,
        200);
  }

  public CompareConfig withTrain(ImitationTrainConfig v) {
    return new CompareConfig(v, policies, choices, seeds, seed, episodes);
  }

  public CompareConfig withPolicies(List<ImitationPolicyKind> v) {
    return new CompareConfig(train, v, choices, seeds, seed, episodes);
  }

  public CompareConfig withChoices(List<LatentChoice> v) {
    return new CompareConfig(train, policies, v, seeds, seed, episodes);
  }

  public CompareConfig withSeeds(int v) {
    return new CompareConfig(train, policies, choices, v, seed, episodes);
  }

  public CompareConfig withSeed(long v) {
    return new CompareConfig(train, policies, choices, seeds, v, episodes);
  }

  public CompareConfig withEpisodes(int v) {
    return new CompareConfig(train, policies, choices, seeds, seed, v);
  }
}
