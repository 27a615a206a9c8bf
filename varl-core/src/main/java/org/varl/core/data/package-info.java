/**
 * Data sets for the models, as plain Java arrays (no DJL here, so loading and batching are fast and
 * easy to test; a model converts a batch to an {@code NDArray} itself).
 *
 * <ul>
 *   <li>{@link org.varl.core.data.ArrayDataset}: an immutable table of {@code float} rows with
 *       optional class labels, generative factors and an image shape.
 *   <li>{@link org.varl.core.data.DataSources}: parses a {@code --data} spec ({@code
 *       fashion-mnist}, {@code mnist}, {@code shapes}, {@code csv:PATH}) into a {@link
 *       org.varl.core.data.TrainTestSplit}, configured by {@link org.varl.core.data.DataOptions}.
 *   <li>{@link org.varl.core.data.IdxReader}: the IDX format of MNIST and Fashion-MNIST (gzipped or
 *       raw); {@link org.varl.core.data.CsvLoader}: numeric CSV with an optional label column and
 *       per-column scaling; {@link org.varl.core.data.Shapes}: procedurally generated 28x28 sprites
 *       with known generative factors.
 *   <li>{@link org.varl.core.data.ReplayFrames}: the frames of a replay directory of {@code varl rl
 *       collect} ({@code replay:DIR}), their true states as factors;
 *   <li>{@link org.varl.core.data.MiniBatches}: a seeded shuffle into mini-batches per epoch;
 *       {@link org.varl.core.data.Binarizer}: seeded dynamic binarization. Both are pure functions
 *       of (seed, epoch[, step]), so a resumed run reproduces the uninterrupted one exactly.
 * </ul>
 *
 * <p>Bad input (corrupt files, ragged CSV rows, a missing data set) is reported as a one-line
 * {@link java.lang.IllegalArgumentException} naming the file, the field and the value.
 */
package org.varl.core.data;
