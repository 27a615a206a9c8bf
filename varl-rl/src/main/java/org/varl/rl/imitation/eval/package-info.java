/**
 * Scoring imitation policies on the {@link org.varl.rl.env.Obstacle obstacle} task (issue 12):
 * recorded rollouts ({@link org.varl.rl.imitation.eval.ObstacleRollout}), the mode of a rollout
 * ({@link org.varl.rl.imitation.eval.ObstacleModes}: the side taken at each disc), the metrics of
 * the imitation literature ({@link org.varl.rl.imitation.eval.ImitationMetrics}: success, collision
 * and timeout rates, mode fractions, D3IL's behaviour entropy, mean jerk) and the driver that plays
 * a policy for seeded episodes ({@link org.varl.rl.imitation.eval.ObstacleRollouts}), and a trained
 * CVAE as such a policy with the test-time choice of z ({@link
 * org.varl.rl.imitation.eval.CvaeObstaclePolicy}, {@link org.varl.rl.imitation.eval.LatentChoice}),
 * and a trained diffusion policy, a fresh action draw per step ({@link
 * org.varl.rl.imitation.eval.DiffusionObstaclePolicy}).
 */
package org.varl.rl.imitation.eval;
