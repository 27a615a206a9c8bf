package org.varl.rl.replay;

import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.varl.core.data.IdxReader;
import org.varl.core.data.ReplayFrames;
import org.varl.core.io.AtomicFiles;
import org.varl.core.io.OutputSet;

/**
 * Writes a replay directory of pixel frames (the layout is {@link ReplayFrames}'s, which reads the
 * frames back as a data set for {@code varl vae train --data replay:DIR}): {@value
 * ReplayFrames#FRAMES} (IDX unsigned bytes {@code [N, size, size]}), {@value ReplayFrames#STEPS},
 * {@value ReplayFrames#STATES} and {@value ReplayFrames#META}, written as one set (each to a
 * temporary file, renamed together), so a failure leaves no partial directory.
 */
public final class ReplayDirectory {

  private ReplayDirectory() {}

  /**
   * What a collection recorded, one entry per step.
   *
   * @param env the environment's short name
   * @param imageSize the frames' side
   * @param frameStack the observation's stack (for readers that rebuild observations)
   * @param policy {@code random} or the model's directory
   * @param seed the collection's seed
   * @param frames {@code [steps · size²]} values, each a multiple of 1/255 in [0, 1]
   * @param actions {@code [steps][actionDim]}
   * @param rewards per step
   * @param stateNames the state's names in Gymnasium's order
   * @param states {@code [steps][stateDim]}, the true state of each frame
   * @param episodes the episode index of each step
   * @param terminated whether the step ended the episode in a terminal state
   * @param truncated whether the step reached the time limit
   */
  public record Contents(
      String env,
      int imageSize,
      int frameStack,
      String policy,
      long seed,
      double[] frames,
      double[][] actions,
      double[] rewards,
      List<String> stateNames,
      double[][] states,
      long[] episodes,
      boolean[] terminated,
      boolean[] truncated) {

    /** The number of steps. */
    public int steps() {
      return rewards.length;
    }
  }

  /** Writes {@code c} into {@code dir} (created when absent) as one set of files. */
  public static void write(Path dir, Contents c) {
    int n = c.steps();
    int frame = c.imageSize() * c.imageSize();
    try (OutputSet set = OutputSet.open()) {
      AtomicFiles.write(
          dir.resolve(ReplayFrames.FRAMES),
          out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(IdxReader.IMAGES_MAGIC);
            data.writeInt(n);
            data.writeInt(c.imageSize());
            data.writeInt(c.imageSize());
            byte[] bytes = new byte[n * frame];
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) Math.round(c.frames()[i] * 255);
            }
            data.write(bytes);
            data.flush();
          });
      StringBuilder steps = new StringBuilder("step,episode");
      int actionDim = n == 0 ? 0 : c.actions()[0].length;
      for (int j = 0; j < actionDim; j++) {
        steps.append(",action_").append(j);
      }
      steps.append(",reward,terminated,truncated\n");
      StringBuilder states = new StringBuilder(String.join(",", c.stateNames())).append('\n');
      double returns = 0;
      for (int i = 0; i < n; i++) {
        steps.append(i).append(',').append(c.episodes()[i]);
        for (double a : c.actions()[i]) {
          steps.append(',').append(a);
        }
        steps
            .append(',')
            .append(c.rewards()[i])
            .append(',')
            .append(c.terminated()[i])
            .append(',')
            .append(c.truncated()[i])
            .append('\n');
        for (int j = 0; j < c.states()[i].length; j++) {
          states.append(j == 0 ? "" : ",").append(c.states()[i][j]);
        }
        states.append('\n');
        returns += c.rewards()[i];
      }
      long episodes = n == 0 ? 0 : c.episodes()[n - 1] + 1;
      AtomicFiles.writeString(dir.resolve(ReplayFrames.STEPS), steps.toString());
      AtomicFiles.writeString(dir.resolve(ReplayFrames.STATES), states.toString());
      String meta =
          String.format(
              Locale.ROOT,
              "{\n  \"format\": \"varl-replay-1\",\n  \"env\": \"%s\",\n  \"image_size\": %d,\n"
                  + "  \"frame_stack\": %d,\n  \"steps\": %d,\n  \"episodes\": %d,\n"
                  + "  \"policy\": \"%s\",\n  \"seed\": %d,\n  \"mean_reward\": %s,\n"
                  + "  \"state_names\": [%s]\n}\n",
              c.env(),
              c.imageSize(),
              c.frameStack(),
              n,
              episodes,
              c.policy().replace("\\", "\\\\").replace("\"", "\\\""),
              c.seed(),
              n == 0 ? "null" : Double.toString(returns / n),
              String.join(", ", c.stateNames().stream().map(s -> "\"" + s + "\"").toList()));
      AtomicFiles.write(
          dir.resolve(ReplayFrames.META), out -> out.write(meta.getBytes(StandardCharsets.UTF_8)));
      set.commit();
    }
  }
}
