package org.varl.cli.tour;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
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
            + " the figures (PNG), the lecture's claims and what the measured numbers show. Takes about 2.5 minutes on 2 cores.")
public final class TourCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "tour",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the whole tour (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "ID",
      description =
          "Run only these sections, comma-separated: ${COMPLETION-CANDIDATES} (default: all).",
      completionCandidates = SectionIds.class)
  Set<String> only;

  @Override
  public Integer call() throws Exception {
    Outputs.directory(out);
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

  /** The section ids, for the help text and shell completion. */
  static final class SectionIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return TourRegistry.sections().stream().map(TourSection::id).iterator();
    }
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
          throw new IllegalArgumentException(
              "--only: unknown section \""
                  + id
                  + "\"; valid: "
                  + String.join(
                      ", ", TourRegistry.sections().stream().map(TourSection::id).toList()));
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
      // The section's directory is the tour's own: a second run replaces the first one's outputs
      // instead of finding them in the way (the VAE section refused "already holds a run").
      deleteTree(dir);
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
    }
    // Written once at the end (atomically): an interrupted tour leaves the previous report.
    TourReport.write(out, entries, seed);
    return new Result(out.resolve("index.html"), entries, failures);
  }

  /**
   * Deletes {@code dir} and everything below it; symbolic links are deleted, never followed (so a
   * link inside a section cannot make the tour delete anything outside its output directory).
   */
  static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
