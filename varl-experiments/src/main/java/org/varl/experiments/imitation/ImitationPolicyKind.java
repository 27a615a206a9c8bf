package org.varl.experiments.imitation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The policies of the comparison, by their command-line names. */
public enum ImitationPolicyKind {
  /** MLP → mean and diagonal log σ², maximum likelihood; acts the mean. */
  BC_GAUSSIAN("bc-gaussian"),
  /** MLP → action, squared error. */
  BC_MSE("bc-mse"),
  /** Conditional VAE with the N(0, I) prior. */
  CVAE("cvae"),
  /** Conditional VAE with a learned prior p_ψ(z | s). */
  CVAE_LEARNED_PRIOR("cvae-learned-prior"),
  /** Conditional DDPM over actions given the state. */
  DIFFUSION("diffusion");

  private final String id;

  ImitationPolicyKind(String id) {
    this.id = id;
  }

  /** The command-line name. */
  public String id() {
    return id;
  }

  /** Whether the test-time z choice applies (the CVAE kinds). */
  public boolean hasLatent() {
    return this == CVAE || this == CVAE_LEARNED_PRIOR;
  }

  /** The kind named {@code id}; anything else is an IllegalArgumentException listing the names. */
  public static ImitationPolicyKind parse(String id) {
    for (ImitationPolicyKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "policy must be one of "
            + Arrays.stream(values()).map(ImitationPolicyKind::id).collect(Collectors.joining(", "))
            + ", found '"
            + id
            + "'");
  }
}
