package org.varl.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * One-call engine configuration for a run.
 *
 * <p><b>Seeding.</b> DJL's random ops ({@code randomNormal}, {@code randomUniform}) draw from the PyTorch engine's
 * global generator; {@link #seed(long)} sets it. Seeding is per run: call it once at the start, before any draw; a
 * run with the same seed, device and thread count then reproduces its draws.
 */
public final class EngineSetup {

  private EngineSetup() {}

  /** Seeds the engine's global generator (PyTorch takes a 32-bit seed; the long is folded). */
  public static void seed(long seed) {
    Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }

  /**
   * The device for a {@code --device} value: {@code cpu}, or {@code gpu} when the engine sees a CUDA device.
   *
   * @throws IllegalArgumentException for another name, or {@code gpu} without a visible GPU (the message says how
   *     to install a CUDA native artifact)
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
          throw new IllegalArgumentException("device gpu requested but the PyTorch engine sees 0 CUDA devices; "
              + "swap pytorch-native-cpu for a CUDA build (pytorch-native-cu1xx), see docs/readme-core.md");
        }
        return Device.gpu();
      default:
        throw new IllegalArgumentException("device must be cpu or gpu, found " + name);
    }
  }
}
