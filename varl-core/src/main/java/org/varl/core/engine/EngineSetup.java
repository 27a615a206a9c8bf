package org.varl.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One-call engine configuration for a run.
 *
 * <p><b>Seeding.</b> DJL's random ops ({@code randomNormal}, {@code randomUniform}) draw from the
 * PyTorch engine's global generator; {@link #seed(long)} sets it. Seeding is per run: call it once
 * at the start, before any draw; a run with the same seed, device and thread count then reproduces
 * its draws. Its gradients too, provided no backward pass reads a scalar operand that DJL has
 * already handed back to the garbage collector: see {@link Scalars}.
 */
public final class EngineSetup {

  private EngineSetup() {}

  /** System property read by DJL's PyTorch engine at start-up: intra-op threads. */
  public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";

  /** System property read by DJL's PyTorch engine at start-up: inter-op threads. */
  public static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

  /** slf4j-simple's default level; varl runs at {@code warn} unless verbose. */
  public static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  /** slf4j-simple's level for DJL's GPU-count probe. */
  static final String CUDA_PROBE_LOG_LEVEL =
      "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

  /**
   * The most threads a run may ask for: four per available processor. More only adds contention,
   * and PyTorch's OpenMP pool crashes the JVM (SIGSEGV) when asked for hundreds.
   */
  public static int maxThreads() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  /**
   * The one place that sets PyTorch's thread pools: {@code threads} intra-op threads (matrix
   * products split across cores) and one inter-op thread (varl's steps are chains of dependent ops
   * issued from one Java thread, so the inter-op pool has nothing to run in parallel; the engine's
   * default sizes it to the core count). DJL reads {@value #NUM_INTEROP_THREADS} once, when the
   * engine loads, so that part applies only before the engine starts; an explicit {@code -D}
   * setting wins. The intra-op count is applied at once, even to a running engine. varl's small ops
   * run best on 1 thread: on a shared 2-core machine the OpenMP pool spin-waits for descheduled
   * workers (measured 4× slower under load).
   *
   * @throws IllegalArgumentException if {@code threads} is outside [1, {@link #maxThreads()}]
   */
  public static void threads(int threads) {
    if (threads < 1 || threads > maxThreads()) {
      throw new IllegalArgumentException(
          "threads must be in [1, " + maxThreads() + "] (4 per processor), found " + threads);
    }
    if (System.getProperty(NUM_INTEROP_THREADS) == null) {
      System.setProperty(NUM_INTEROP_THREADS, "1");
    }
    if (System.getProperty(NUM_THREADS) == null) {
      System.setProperty(NUM_THREADS, Integer.toString(threads));
    }
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
  }

  /** The engine's current intra-op thread count (starts the engine if needed). */
  public static int currentThreads() {
    Engine.getEngine("PyTorch");
    return JniUtils.getNumThreads();
  }

  /**
   * Quiet (warn) or verbose (info) library logging. slf4j-simple reads its level once, when the
   * first logger is created, so this must run before DJL is touched; an explicit {@code -D} setting
   * wins when not verbose.
   */
  public static void logging(boolean verbose) {
    if (verbose) {
      System.setProperty(LOG_LEVEL, "info");
      System.clearProperty(CUDA_PROBE_LOG_LEVEL);
      return;
    }
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    if (!"info".equals(System.getProperty(LOG_LEVEL))
        && !"debug".equals(System.getProperty(LOG_LEVEL))
        && System.getProperty(CUDA_PROBE_LOG_LEVEL) == null) {
      // On a machine without a usable CUDA driver DJL warns twice that it cannot count GPUs:
      // expected on CPU-only
      // machines, so shown only when verbose.
      System.setProperty(CUDA_PROBE_LOG_LEVEL, "error");
    }
  }

  /** Seeds the engine's global generator (PyTorch takes a 32-bit seed; the long is folded). */
  public static void seed(long seed) {
    Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }

  /**
   * The device for a {@code --device} value: {@code cpu}, or {@code gpu} when the engine sees a
   * CUDA device.
   *
   * @throws IllegalArgumentException for another name, or {@code gpu} without a visible GPU (the
   *     message says how to install a CUDA native artifact)
   */
  public static Device device(String name) {
    if (name == null) {
      throw new IllegalArgumentException("device must be cpu or gpu, found null");
    }
    switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "cpu":
        return Device.cpu();
      case "gpu":
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus < 1) {
          throw new IllegalArgumentException(
              "device gpu requested but the PyTorch engine sees 0 CUDA devices; "
                  + "swap pytorch-native-cpu for a CUDA build (pytorch-native-cu1xx), see the README, section GPU");
        }
        return Device.gpu();
      default:
        throw new IllegalArgumentException("device must be cpu or gpu, found " + name);
    }
  }
}
