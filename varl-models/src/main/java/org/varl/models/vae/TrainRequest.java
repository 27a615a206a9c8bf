package org.varl.models.vae;

import java.nio.file.Path;
import org.varl.core.data.DataOptions;

/**
 * A {@code varl vae train} invocation as data: what to train on, which model, how, and where to
 * write.
 *
 * @param data the {@code --data} spec ({@code fashion-mnist}, {@code mnist}, {@code shapes}, {@code
 *     csv:PATH})
 * @param dataOptions loader options (their seed is replaced by the run seed)
 * @param model the model choice (ignored on resume: the checkpoint's model is used)
 * @param train optimization settings (on resume only {@code epochs} and {@code threads} are taken
 *     from here)
 * @param out the run directory to write {@code config.json}, {@code metrics.csv} and {@code
 *     checkpoint.bin} into; null with {@code resume} means {@code resume} itself (continue in
 *     place), another directory forks the run there and leaves {@code resume} as it was
 * @param resume a run directory to continue from, or null
 */
public record TrainRequest(
    String data,
    DataOptions dataOptions,
    ModelOptions model,
    TrainConfig train,
    Path out,
    Path resume) {

  /** Checks presence of the required parts. */
  public TrainRequest {
    if (out == null) {
      if (resume == null) {
        throw new IllegalArgumentException("out must be given (the run directory)");
      }
      // Resuming without --out continues the run in place.
      out = resume;
    }
    if (resume == null && (data == null || data.isBlank())) {
      throw new IllegalArgumentException(
          "data must be given: fashion-mnist, mnist, shapes or csv:PATH");
    }
    if (dataOptions == null) {
      dataOptions = DataOptions.defaults();
    }
    if (model == null) {
      model = ModelOptions.defaults();
    }
    if (train == null) {
      train = TrainConfig.defaults();
    }
  }
}
