package org.varl.models.vae;

import java.nio.file.Path;
import org.varl.core.data.CsvHeader;
import org.varl.core.data.CsvScaling;
import org.varl.core.data.DataOptions;

/**
 * Everything that defines a training run, stored as JSON in every checkpoint (and as {@code
 * config.json} beside it), so that {@code --resume}, {@code eval}, {@code sample}, ... need only
 * the run directory.
 *
 * @param data the {@code --data} spec: {@code fashion-mnist}, {@code mnist}, {@code shapes} or
 *     {@code csv:PATH}
 * @param dataDir {@code --data-dir}, or null
 * @param shapesCount sprites generated for {@code shapes}
 * @param testFraction held-out fraction for {@code shapes} and CSV
 * @param csvScaling per-column scaling of CSV data
 * @param csvHasLabel whether a CSV column is a label
 * @param csvLabelColumn that column (-1 = last)
 * @param csvHeader CSV header mode
 * @param model the resolved model shape
 * @param train the optimization settings
 * @param dataChecksum {@link DataChecksum} of the data files at training, or null (generated data,
 *     or a run written before the field existed: such runs load and are not checked)
 */
public record RunConfig(
    String data,
    String dataDir,
    int shapesCount,
    double testFraction,
    CsvScaling csvScaling,
    boolean csvHasLabel,
    int csvLabelColumn,
    CsvHeader csvHeader,
    VaeConfig model,
    TrainConfig train,
    String dataChecksum) {

  /** Checks the required parts are present. */
  public RunConfig {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException(
          "data must be given (fashion-mnist, mnist, shapes or csv:PATH)");
    }
    if (model == null || train == null) {
      throw new IllegalArgumentException("run config needs a model and a train section");
    }
    if (csvScaling == null) {
      csvScaling = CsvScaling.UNIT_RANGE;
    }
    if (csvHeader == null) {
      csvHeader = CsvHeader.AUTO;
    }
  }

  /**
   * The data options this run loads its data with (seeded by the run seed, so splits are
   * reproducible).
   */
  public DataOptions dataOptions() {
    return new DataOptions(
        dataDir == null ? null : Path.of(dataDir),
        train.seed(),
        shapesCount,
        testFraction,
        csvScaling,
        csvHasLabel,
        csvLabelColumn,
        csvHeader);
  }

  /** Copy with another train section (e.g. more epochs on resume). */
  public RunConfig withTrain(TrainConfig t) {
    return new RunConfig(
        data,
        dataDir,
        shapesCount,
        testFraction,
        csvScaling,
        csvHasLabel,
        csvLabelColumn,
        csvHeader,
        model,
        t,
        dataChecksum);
  }
}
