package org.varl.cli.common;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with elapsed time, ETA and a free-form extra message (loss, examples/s), drawn on
 * stderr so that stdout stays clean for results. Close it when the task is done ({@code try
 * (Progress p = Progress.start(...))}). With {@code VARL_NO_PROGRESS=1} in the environment (CI
 * logs) nothing is drawn.
 */
public final class Progress implements AutoCloseable {

  private static final boolean DISABLED = "1".equals(System.getenv("VARL_NO_PROGRESS"));

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Starts a bar for {@code total} units of work named {@code task} ({@code unit} e.g. "step",
   * "epoch").
   */
  public static Progress start(String task, long total, String unit) {
    if (DISABLED) {
      return new Progress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .showSpeed()
            .setEtaFunction(Progress::eta)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
    return new Progress(bar);
  }

  private static java.util.Optional<Duration> eta(me.tongfei.progressbar.ProgressState state) {
    long done = state.getCurrent() - state.getStart();
    if (done <= 0 || state.getMax() <= 0) {
      return java.util.Optional.empty();
    }
    Duration elapsed = Duration.between(state.getStartInstant(), java.time.Instant.now());
    return java.util.Optional.of(
        elapsed.multipliedBy(state.getMax() - state.getCurrent()).dividedBy(done));
  }

  /** Advances by {@code n} units. */
  public void step(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  /** Advances by one unit. */
  public void step() {
    step(1);
  }

  /** Sets the message shown after the bar, e.g. {@code "loss 243.1, 9,800 ex/s"}. */
  public void message(String extra) {
    if (bar != null) {
      bar.setExtraMessage(extra);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
