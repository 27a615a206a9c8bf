package org.varl.cli.common;

import java.util.Locale;
import org.varl.core.engine.EngineSetup;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The engine options of every command that runs the engine (a picocli mixin): the device and the
 * PyTorch thread count, bounded by {@link EngineSetup#maxThreads()}. One place, so commands cannot
 * drift apart in defaults or help text. Commands whose engine work runs best on more threads (vae
 * train) declare their own {@code --threads} with the same {@link ThreadCount} converter.
 */
public final class EngineOptions {

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu",
      defaultValue = "cpu",
      converter = DeviceName.class,
      description = "cpu or gpu, any case (default: ${DEFAULT-VALUE}).")
  public String device;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = ThreadCount.class,
      description =
          "PyTorch intra-op threads, 1 to 4 per processor; small ops run best on 1 (default: "
              + "${DEFAULT-VALUE}).")
  public int threads;

  /**
   * Quiet logging (unless --verbose), the thread count, then the device check. Threads first: the
   * engine reads its inter-op thread count once, when it starts, and the GPU probe would start it.
   */
  public void apply() {
    EngineSetup.logging(
        false); // keeps --verbose (set by the root command) and an explicit -D level
    EngineSetup.threads(threads);
    EngineSetup.device(device);
  }

  /**
   * {@code --device} as the experiments' configs spell it: trimmed, lower case ("CPU " is "cpu").
   */
  public static final class DeviceName implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String d = value.trim().toLowerCase(Locale.ROOT);
      if (!d.equals("cpu") && !d.equals("gpu")) {
        throw new CommandLine.TypeConversionException(
            "--device must be cpu or gpu, found '" + value + "'");
      }
      return d;
    }
  }

  /**
   * {@code --threads}: an integer in [1, 4 per processor] (hundreds of OpenMP threads crash the
   * JVM).
   */
  public static final class ThreadCount implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int max = EngineSetup.maxThreads();
      int n;
      try {
        n = org.varl.core.data.NumberText.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "--threads must be an integer in [1, " + max + "], found '" + value + "'");
      }
      if (n < 1 || n > max) {
        throw new CommandLine.TypeConversionException(
            "--threads must be in [1, " + max + "] (4 per processor), found " + n);
      }
      return n;
    }
  }
}
