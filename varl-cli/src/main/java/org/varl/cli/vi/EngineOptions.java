package org.varl.cli.vi;

import org.varl.core.engine.EngineSetup;
import picocli.CommandLine.Option;

/**
 * The engine options every {@code varl vi} experiment takes (a picocli mixin): the run's seed, the device and the
 * PyTorch thread count. One place, so the experiments cannot drift apart in defaults or help text.
 */
final class EngineOptions {

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", defaultValue = "1",
      description = "PyTorch intra-op threads; small ops run best on 1 (default: ${DEFAULT-VALUE}).")
  int threads;

  /** Quiet logging (unless --verbose), then the device check and the thread count, before the engine is used. */
  void apply() {
    EngineSetup.logging(false); // keeps --verbose (set by the root command) and an explicit -D level
    EngineSetup.device(device);
    EngineSetup.threads(threads);
  }
}
