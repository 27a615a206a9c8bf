package org.varl.cli.vi;

import java.util.Locale;
import org.varl.core.engine.EngineSetup;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The engine options every {@code varl vi} experiment takes (a picocli mixin): the run's seed, the device and the
 * PyTorch thread count. One place, so the experiments cannot drift apart in defaults or help text.
 */
final class EngineOptions {

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", defaultValue = "cpu", converter = DeviceName.class,
      description = "cpu or gpu, any case (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", defaultValue = "1",
      description = "PyTorch intra-op threads; small ops run best on 1 (default: ${DEFAULT-VALUE}).")
  int threads;

  /**
   * Quiet logging (unless --verbose), the thread count, then the device check. Threads first: the engine reads its
   * inter-op thread count once, when it starts, and the GPU probe would start it.
   */
  void apply() {
    EngineSetup.logging(false); // keeps --verbose (set by the root command) and an explicit -D level
    EngineSetup.threads(threads);
    EngineSetup.device(device);
  }

  /** {@code --device} as the experiments' configs spell it: trimmed, lower case ("CPU " is "cpu"). */
  static final class DeviceName implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return value.trim().toLowerCase(Locale.ROOT);
    }
  }
}
