package org.varl.cli.tour;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varl tour}: every implemented lecture experiment on embedded defaults, as an HTML report
 * with plots.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description =
        "Runs every implemented lecture experiment on embedded defaults and writes DIR/index.html with"
            + " the figures (PNG), the lecture's claims and what the measured numbers show. Takes about 30 s on 2 cores.")
public final class TourCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      defaultValue = "tour",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the whole tour (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "ID",
      description =
          "Run only these sections (comma-separated ids, as in the report's anchors; default: all).")
  Set<String> only;

  @Override
  public Integer call() throws Exception {
    Result result = run(out, seed, only);
    System.out.println(
        "tour: wrote "
            + result.index().toAbsolutePath()
            + " ("
            + result.entries().size()
            + " sections, "
            + result.failures()
            + " failed)");
    return result.failures() == 0 ? 0 : 1;
  }

  /** The tour's outcome. */
  public record Result(Path index, List<TourReport.Entry> entries, int failures) {}

  /** Runs the selected sections (all when {@code only} is null or empty) and writes the report. */
  public static Result run(Path out, long seed, Set<String> only) throws java.io.IOException {
    List<TourSection> sections = new ArrayList<>();
    for (TourSection s : TourRegistry.sections()) {
      if (only == null || only.isEmpty() || only.contains(s.id())) {
        sections.add(s);
      }
    }
    if (only != null) {
      for (String id : only) {
        if (TourRegistry.sections().stream().noneMatch(s -> s.id().equals(id))) {
          throw new IllegalArgumentException("--only: unknown section \"" + id + "\"");
        }
      }
    }
    Files.createDirectories(out);
    List<TourReport.Entry> entries = new ArrayList<>();
    int failures = 0;
    for (int i = 0; i < sections.size(); i++) {
      TourSection s = sections.get(i);
      System.err.printf("tour [%d/%d] %s%n", i + 1, sections.size(), s.title());
      long t0 = System.nanoTime();
      Path dir = out.resolve(s.id());
      Files.createDirectories(dir);
      try {
        TourResult r = s.run(new TourContext(dir, seed));
        entries.add(new TourReport.Entry(s, r, null, Duration.ofNanos(System.nanoTime() - t0)));
      } catch (Exception | Error e) {
        failures++;
        e.printStackTrace();
        entries.add(
            new TourReport.Entry(s, null, e.toString(), Duration.ofNanos(System.nanoTime() - t0)));
      }
      TourReport.write(out, entries, seed);
    }
    TourReport.write(out, entries, seed);
    return new Result(out.resolve("index.html"), entries, failures);
  }
}
