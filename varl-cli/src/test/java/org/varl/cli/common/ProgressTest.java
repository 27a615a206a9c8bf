package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Progress into a pipe or a file: one line per stage, never the terminal bar's {@code \r} redraws
 * (which piled up in logs as fragments cut to a few characters).
 */
class ProgressTest {

  @Test
  void withoutATerminalEachStagePrintsOneLineWhenItCloses() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress p =
        Progress.start("vi estimators: moments", 300, "estimate", Progress.Mode.LINE, out)) {
      p.step(100);
      p.message(" | loss 2.5");
      p.step(200);
    }
    try (Progress p = Progress.start("epoch 1", 1, "step", Progress.Mode.LINE, out)) {
      p.step();
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r");
    assertThat(text.lines().toList())
        .hasSize(2)
        .satisfiesExactly(
            a ->
                assertThat(a)
                    .matches(
                        "vi estimators: moments: 300/300 estimates in \\d+\\.\\d s \\| loss 2\\.5"),
            b -> assertThat(b).matches("epoch 1: 1/1 step in \\d+\\.\\d s"));
  }

  @Test
  void theBarIsDrawnOnlyOnATerminal() {
    // Surefire runs without a console: the default is a line per stage.
    assertThat(System.console()).isNull();
    assertThat(Progress.defaultMode()).isIn(Progress.Mode.LINE, Progress.Mode.NONE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Progress p =
        Progress.start("x", 5, "step", Progress.Mode.NONE, new PrintStream(bytes, true))) {
      p.step(5);
    }
    assertThat(bytes.size()).isZero();
  }

  @Test
  void theListenerClosesEachStageWithItsLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try (ProgressListener l = new ProgressListener("vae eval", "draw")) {
      l.stage("test ELBO", 10);
      l.advance(10);
      l.stage("log p(x), K = 5", 50);
      l.advance(50);
    } finally {
      System.setErr(saved);
    }
    if (Progress.defaultMode() == Progress.Mode.LINE) {
      assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList())
          .satisfiesExactly(
              a -> assertThat(a).startsWith("vae eval: test ELBO: 10/10 draws in "),
              b -> assertThat(b).startsWith("vae eval: log p(x), K = 5: 50/50 draws in "));
    }
  }
}
