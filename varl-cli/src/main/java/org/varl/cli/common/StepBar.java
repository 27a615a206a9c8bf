package org.varl.cli.common;

/**
 * The progress bar of a training loop counted in steps, shared by every {@code train} command's
 * listener: started at the first step (0, or the resumed step), moved to absolute step numbers,
 * with a message after the count (loss, steps/s, last return). {@link Progress} decides whether a
 * bar is drawn (a terminal) or one line is printed at the end (a pipe or a file).
 */
public final class StepBar implements AutoCloseable {

  private final String name;
  private Progress bar;
  private long shown;

  /** A bar named {@code name} (e.g. {@code "rl train"}), drawn once {@link #start} is called. */
  public StepBar(String name) {
    this.name = name;
  }

  /** Starts the bar over {@code totalSteps}, already at {@code firstStep}. */
  public void start(long firstStep, long totalSteps) {
    close();
    bar = Progress.start(name, totalSteps, "step");
    bar.step(firstStep);
    shown = firstStep;
  }

  /** Whether {@link #start} has been called (and the bar not closed since). */
  public boolean started() {
    return bar != null;
  }

  /** Moves the bar to absolute step {@code step} and shows {@code message} after the count. */
  public void at(long step, String message) {
    if (bar == null) {
      return;
    }
    bar.step(step - shown);
    shown = step;
    bar.message(message);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
