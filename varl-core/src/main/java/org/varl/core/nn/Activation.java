package org.varl.core.nn;

import ai.djl.ndarray.NDArray;

/** The hidden-layer nonlinearities of {@link Mlp}, by their PyTorch names. */
public enum Activation {
  /** {@code max(0, a)}. */
  RELU("relu"),
  /** {@code tanh(a)}. */
  TANH("tanh"),
  /** {@code a · sigmoid(a)} (SiLU / swish). */
  SILU("silu"),
  /** {@code a}: a linear network. */
  IDENTITY("identity");

  private final String id;

  Activation(String id) {
    this.id = id;
  }

  /** The lower-case name used in configs and options. */
  public String id() {
    return id;
  }

  /** The activation named {@code id} (case-insensitive), or an error listing the valid names. */
  public static Activation parse(String id) {
    for (Activation a : values()) {
      if (a.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "activation must be one of relu, tanh, silu, identity, found " + id);
  }

  /** Applies the activation; the result is attached to {@code a}'s manager. */
  public NDArray apply(NDArray a) {
    return switch (this) {
      case RELU -> a.getNDArrayInternal().relu();
      case TANH -> a.tanh();
      case SILU -> a.mul(a.getNDArrayInternal().sigmoid());
      case IDENTITY -> a;
    };
  }
}
