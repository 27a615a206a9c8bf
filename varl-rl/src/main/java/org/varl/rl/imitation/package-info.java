/**
 * Imitation learning on the {@link org.varl.rl.env.Obstacle obstacle} task: the scripted,
 * multimodal {@link org.varl.rl.imitation.ObstacleExpert expert}, the {@link
 * org.varl.rl.imitation.Demonstrations demonstrations} it generates, and their CSV form ({@link
 * org.varl.rl.imitation.DemoCsv}).
 */
package org.varl.rl.imitation;
