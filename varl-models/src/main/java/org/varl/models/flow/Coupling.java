package org.varl.models.flow;

import java.util.Locale;

/**
 * How noise and data points are paired in a training batch: independently (I-CFM) or by a
 * mini-batch optimal-transport plan (OT-CFM, Tong et al. 2024, Alg. 3), exact or Sinkhorn's.
 */
public enum Coupling {
  /** π = q(x_0) q(x_1): the batch as drawn. */
  INDEPENDENT("independent"),
  /** π = the OT plan between the batch's noise and data points for the squared Euclidean cost. */
  OT("ot");

  private final String id;

  Coupling(String id) {
    this.id = id;
  }

  /** The lower-case name used in options and files. */
  public String id() {
    return id;
  }

  /** The coupling named {@code id}, or an error listing the valid names. */
  public static Coupling parse(String id) {
    for (Coupling c : values()) {
      if (c.id.equals(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException("coupling must be one of independent, ot, found " + id);
  }

  /** The solver of an OT coupling. */
  public enum OtSolver {
    /** The exact assignment (a permutation; Hungarian algorithm). */
    EXACT("exact"),
    /** Sinkhorn's entropic plan, pairs drawn from it with replacement (torchcfm's default). */
    SINKHORN("sinkhorn");

    private final String id;

    OtSolver(String id) {
      this.id = id;
    }

    /** The lower-case name used in options and files. */
    public String id() {
      return id;
    }

    /** The solver named {@code id}, or an error listing the valid names. */
    public static OtSolver parse(String id) {
      for (OtSolver s : values()) {
        if (s.id.equals(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new IllegalArgumentException("ot solver must be one of exact, sinkhorn, found " + id);
    }
  }
}
