package org.varl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the code base that a unit test cannot see from behaviour alone, checked on the sources
 * of the modules that build gradient graphs (this module's tests run with the module directory as
 * working directory).
 */
class SourceRulesTest {

  /**
   * An NDArray product, quotient, power or max/min with a number literal or a cast number as its
   * argument.
   */
  private static final Pattern SCALAR_OP =
      Pattern.compile(
          "\\.(mul|div|pow|maximum|minimum)\\(\\s*(-?[0-9]|\\((float|double|int|long)\\))");

  /**
   * Files that never run under a GradientCollector: hand-derived backward passes and optimizers.
   */
  private static final Set<String> NO_AUTOGRAD =
      Set.of("MlpBernoulliStep.java", "RegressionStep.java", "FusedAdam.java", "Adam.java");

  /**
   * DJL's {@code x.mul(0.5f)} on PyTorch keeps the scalar in a Java buffer that the GC may free
   * before the backward pass reads it (see {@code org.varl.core.engine.Scalars}); graph code must
   * use {@code Scalars.mul/div/maximum}.
   */
  @Test
  void noDjlScalarProductsInCodeThatBuildsGradientGraphs() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String module : List.of("varl-core", "varl-models", "varl-rl", "varl-experiments")) {
      Path root = Path.of("..", module, "src", "main", "java");
      assertThat(root).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          if (NO_AUTOGRAD.contains(file.getFileName().toString())) {
            continue;
          }
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("*") && !line.startsWith("//") && SCALAR_OP.matcher(line).find()) {
              offenders.add(file.getFileName() + ":" + (i + 1) + ": " + line);
            }
          }
        }
      }
    }
    assertThat(offenders).as("use org.varl.core.engine.Scalars in gradient graphs").isEmpty();
  }
}
