package org.varl.rl.env;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The registry of environments (Gymnasium's {@code gymnasium.make}): each name makes a fresh
 * environment already wrapped in its {@link TimeLimit} with Gymnasium's {@code max_episode_steps}.
 *
 * <table>
 *   <caption>Registered environments</caption>
 *   <tr><th>name</th><th>Gymnasium id</th><th>max_episode_steps</th></tr>
 *   <tr><td>pendulum</td><td>Pendulum-v1</td><td>200</td></tr>
 *   <tr><td>cartpole</td><td>CartPole-v1</td><td>500</td></tr>
 *   <tr><td>mountaincar-continuous</td><td>MountainCarContinuous-v0</td><td>999</td></tr>
 *   <tr><td>pendulum-pixels</td><td>Pendulum-v1-pixels ({@link PixelEnv})</td><td>200</td></tr>
 *   <tr><td>cartpole-pixels</td><td>CartPole-v1-pixels ({@link PixelEnv})</td><td>500</td></tr>
 * </table>
 *
 * Names are matched ignoring case; the Gymnasium ids are accepted as well.
 */
public final class Envs {

  private record Entry(
      String name, String id, int maxEpisodeSteps, Supplier<Env> factory, boolean pixels) {
    Entry(String name, String id, int maxEpisodeSteps, Supplier<Env> factory) {
      this(name, id, maxEpisodeSteps, factory, false);
    }
  }

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry("pendulum", Pendulum.ID, Pendulum.MAX_EPISODE_STEPS, Pendulum::new),
          new Entry("cartpole", CartPole.ID, CartPole.MAX_EPISODE_STEPS, CartPole::new),
          new Entry(
              "mountaincar-continuous",
              MountainCarContinuous.ID,
              MountainCarContinuous.MAX_EPISODE_STEPS,
              MountainCarContinuous::new),
          new Entry(
              "pendulum-pixels",
              Pendulum.ID + "-pixels",
              Pendulum.MAX_EPISODE_STEPS,
              Pendulum::new,
              true),
          new Entry(
              "cartpole-pixels",
              CartPole.ID + "-pixels",
              CartPole.MAX_EPISODE_STEPS,
              CartPole::new,
              true));

  private Envs() {}

  /** The short names, in registry order. */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  /**
   * A fresh environment in its time limit.
   *
   * @throws IllegalArgumentException naming the valid names if {@code name} is unknown
   */
  public static TimeLimit make(String name) {
    return make(name, PixelOptions.defaults());
  }

  /**
   * A fresh environment in its time limit; a pixel environment ({@link #isPixels}) renders with
   * {@code pixels} ({@link PixelEnv}), the others ignore it.
   *
   * @throws IllegalArgumentException naming the valid names if {@code name} is unknown
   */
  public static TimeLimit make(String name, PixelOptions pixels) {
    Entry entry = entry(name);
    Env env = entry.factory().get();
    if (entry.pixels()) {
      env = new PixelEnv(env, pixels);
    }
    return new TimeLimit(env, entry.maxEpisodeSteps());
  }

  /**
   * Whether {@code name} is a pixel environment ({@code pendulum-pixels}, {@code cartpole-pixels}).
   *
   * @throws IllegalArgumentException naming the valid names if {@code name} is unknown
   */
  public static boolean isPixels(String name) {
    return entry(name).pixels();
  }

  private static Entry entry(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (Entry e : ENTRIES) {
      if (e.name().equals(key) || e.id().toLowerCase(Locale.ROOT).equals(key)) {
        return e;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (Entry e : ENTRIES) {
      valid
          .append(valid.length() == 0 ? "" : ", ")
          .append(e.name())
          .append(" (")
          .append(e.id())
          .append(')');
    }
    throw new IllegalArgumentException("env must be one of " + valid + ", found '" + name + "'");
  }
}
