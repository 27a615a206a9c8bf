package org.varl.models.vae;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Pins PyTorch's thread pools: {@code threads} intra-op threads (matrix products split across cores) and one
 * inter-op thread (a VAE step is a chain of dependent ops run from one Java thread, so the inter-op pool has nothing
 * to run in parallel; the engine's default sizes it to the core count).
 *
 * <p>The inter-op pool can only be sized before the engine starts (DJL reads
 * {@code ai.djl.pytorch.num_interop_threads} when it loads); the intra-op count can change at any time.
 */
public final class EngineThreads {

  private EngineThreads() {}

  /** Sets the engine's thread counts; {@code threads} must be >= 1. */
  public static void configure(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
  }

  /** The engine's current intra-op thread count. */
  public static int current() {
    Engine.getEngine("PyTorch");
    return JniUtils.getNumThreads();
  }
}
