package org.varl.cli.common;

import org.varl.experiments.Listener;

/**
 * Draws an experiment's stages as {@link Progress} bars on stderr: each stage closes the previous
 * bar and starts one named "task: stage" counting {@code unit}s. Close it when the run is over. It
 * listens to the experiments ({@link Listener}) and to the library's evaluators of the same shape
 * ({@link org.varl.models.vae.EvalListener}); a new library listener of that shape is added here.
 */
public final class ProgressListener
    implements Listener, org.varl.models.vae.EvalListener, AutoCloseable {
  private final String task;
  private final String unit;
  private Progress bar;

  /** {@code task} as "control irl", {@code unit} as "iteration". */
  public ProgressListener(String task, String unit) {
    this.task = task;
    this.unit = unit;
  }

  @Override
  public void stage(String name, long totalUnits) {
    close();
    bar = Progress.start(task + ": " + name, totalUnits, unit);
  }

  @Override
  public void advance(long units) {
    if (bar != null) {
      bar.step(units);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
