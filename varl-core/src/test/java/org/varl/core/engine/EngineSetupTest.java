package org.varl.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

  @Test
  void cpuIsAlwaysAvailableAndUnknownDevicesAreRejected() {
    assertThat(EngineSetup.device("cpu")).isEqualTo(Device.cpu());
    assertThat(EngineSetup.device(" CPU ")).isEqualTo(Device.cpu());
    assertThatThrownBy(() -> EngineSetup.device("tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("device must be cpu or gpu, found tpu");
  }

  @Test
  void gpuWithoutACudaDeviceSaysHowToGetOne() {
    if (Engine.getInstance().getGpuCount() > 0) {
      assertThat(EngineSetup.device("gpu").isGpu()).isTrue();
      return;
    }
    assertThatThrownBy(() -> EngineSetup.device("gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 CUDA devices")
        .hasMessageContaining("pytorch-native-cu");
  }

  @Test
  void sameSeedGivesTheSameDraws() {
    try (NDManager m = NDManager.newBaseManager()) {
      EngineSetup.seed(123L);
      float[] a = m.randomNormal(new Shape(5)).toFloatArray();
      EngineSetup.seed(123L);
      float[] b = m.randomNormal(new Shape(5)).toFloatArray();
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void threadsMustBeBetweenOneAndFourPerProcessor() {
    int max = 4 * Runtime.getRuntime().availableProcessors();
    assertThat(EngineSetup.maxThreads()).isEqualTo(max);
    assertThatThrownBy(() -> EngineSetup.threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be in [1, " + max + "] (4 per processor), found 0");
    // 900 threads crashed the JVM in OpenMP (SIGSEGV): refused before the engine sees it.
    assertThatThrownBy(() -> EngineSetup.threads(900))
        .hasMessage("threads must be in [1, " + max + "] (4 per processor), found 900");
  }
}
