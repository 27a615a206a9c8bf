/**
 * Environments with Gymnasium's API and conventions: {@link org.varl.rl.env.Space spaces} ({@code
 * Box}, {@code Discrete}), {@code reset(seed) → obs}, {@code step(action) → (obs, reward,
 * terminated, truncated)}, and a {@link org.varl.rl.env.TimeLimit} wrapper that sets {@code
 * truncated}, never {@code terminated}. The physical state is kept in double precision, as
 * Gymnasium's NumPy state is.
 */
package org.varl.rl.env;
