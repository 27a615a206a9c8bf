package org.varl.cli.common;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with elapsed time, ETA and a free-form extra message (loss, examples/s), drawn on
 * stderr so that stdout stays clean for results. Close it when the task is done ({@code try
 * (Progress p = Progress.start(...))}).
 *
 * <p>The bar is drawn only on a terminal ({@code System.console() != null}): into a pipe or a file
 * its {@code \r} redraws would pile up as fragments of lines. There each stage prints one line when
 * it closes instead, {@code "task: 2100/2100 estimates in 3.2 s | message"}. With {@code
 * VARL_NO_PROGRESS=1} in the environment (CI logs) nothing is printed at all.
 */
public final class Progress implements AutoCloseable {

  private static final boolean DISABLED = "1".equals(System.getenv("VARL_NO_PROGRESS"));

  /** How the bar is shown. */
  public enum Mode {
    /** A redrawn bar on a terminal. */
    BAR,
    /** One line per stage, printed when the stage closes (pipes, files). */
    LINE,
    /** Nothing ({@code VARL_NO_PROGRESS=1}). */
    NONE
  }

  private final ProgressBar bar;
  private final String task;
  private final long total;
  private final String unit;
  private final java.io.PrintStream lineOut;
  private final long startNanos = System.nanoTime();
  private long done;
  private String extra = "";
  private boolean closed;

  private Progress(
      ProgressBar bar, String task, long total, String unit, java.io.PrintStream lineOut) {
    this.bar = bar;
    this.task = task;
    this.total = total;
    this.unit = unit;
    this.lineOut = lineOut;
  }

  /** BAR on a terminal, LINE into a pipe or file, NONE with {@code VARL_NO_PROGRESS=1}. */
  public static Mode defaultMode() {
    if (DISABLED) {
      return Mode.NONE;
    }
    return System.console() != null ? Mode.BAR : Mode.LINE;
  }

  /**
   * Starts a bar for {@code total} units of work named {@code task} ({@code unit} e.g. "step",
   * "epoch").
   */
  public static Progress start(String task, long total, String unit) {
    return start(task, total, unit, defaultMode(), System.err);
  }

  /**
   * Starts a bar shown as {@code mode}; LINE prints its line to {@code lineOut} (tests pass their
   * own stream).
   */
  public static Progress start(
      String task, long total, String unit, Mode mode, java.io.PrintStream lineOut) {
    if (mode == Mode.NONE) {
      return new Progress(null, task, total, unit, null);
    }
    if (mode == Mode.LINE) {
      return new Progress(null, task, total, unit, lineOut);
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
    return new Progress(bar, task, total, unit, null);
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
    done += n;
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
    this.extra = extra == null ? "" : extra;
    if (bar != null) {
      bar.setExtraMessage(extra);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (bar != null) {
      bar.close();
    }
    if (lineOut != null) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      String message = extra.strip();
      if (message.startsWith("|")) {
        message = message.substring(1).strip();
      }
      lineOut.printf(
          java.util.Locale.ROOT,
          "%s: %d/%d %s in %.1f s%s%n",
          task,
          done,
          total,
          total == 1 ? unit : unit + "s",
          seconds,
          message.isEmpty() ? "" : " | " + message);
      lineOut.flush();
    }
  }
}
