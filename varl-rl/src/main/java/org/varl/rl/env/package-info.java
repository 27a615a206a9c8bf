/**
 * Environments with Gymnasium's API and conventions: {@link org.varl.rl.env.Space spaces} ({@code
 * Box}, {@code Discrete}), {@code reset(seed) → obs}, {@code step(action) → (obs, reward,
 * terminated, truncated)}, and a {@link org.varl.rl.env.TimeLimit} wrapper that sets {@code
 * truncated}, never {@code terminated}. The physical state is kept in double precision, as
 * Gymnasium's NumPy state is; observations are float32 values, as Gymnasium's.
 *
 * <ul>
 *   <li>{@link org.varl.rl.env.Pendulum} ({@code Pendulum-v1}), {@link org.varl.rl.env.CartPole}
 *       ({@code CartPole-v1}), {@link org.varl.rl.env.MountainCarContinuous} ({@code
 *       MountainCarContinuous-v0}): Gymnasium's classic-control equations and constants, checked
 *       against hand-computed steps and against trajectories recorded from Gymnasium itself;
 *   <li>{@link org.varl.rl.env.Envs}: the registry, each environment made in its time limit;
 *   <li>{@link org.varl.rl.env.PixelEnv} ({@code pendulum-pixels}, {@code cartpole-pixels}): the
 *       pole rendered by {@link org.varl.rl.env.PoleRenderer} as grey frames, the observation a
 *       stack of the last k ({@link org.varl.rl.env.ImageObservations}); the true state stays in
 *       {@code state()};
 *   <li>{@link org.varl.rl.env.Rollout}: an open-loop rollout of a given action sequence;
 *   <li>{@link org.varl.rl.env.Obstacle} ({@code obstacle-1}, {@code obstacle-2}): this project's
 *       multimodal-imitation task (issue 12), not Gymnasium's; its observation is the double state
 *       (x, y) and it is made with {@code Obstacle.make(obstacles)}, not through {@code Envs}.
 * </ul>
 *
 * <p>Reset draws come from the {@code Streams.ENVIRONMENT} stream of the seed given to {@code
 * reset(seed)}, so the same seed gives the same episode start in varl (not Gymnasium's: NumPy's
 * PCG64 generator is not reproduced; start from a given state to compare with Gymnasium).
 */
package org.varl.rl.env;
