/**
 * The off-policy maximum-entropy agents, each a small class that reads top to bottom with the
 * papers' names (CleanRL's style) on {@code varl-core}'s shared layer ({@code Mlp}, {@code Adam},
 * {@code Polyak}, {@code Heads}): SAC, soft Q-learning (α = 0 is DQN), discrete SAC. They share the
 * {@link org.varl.rl.agents.Agent} contract, which the training loop drives on the {@link
 * org.varl.rl.agents.UpdateSchedule} each agent's config gives (SAC: one update per step; rl-zoo's
 * CartPole DQN: 128 updates every 256 steps). For image observations SAC takes a {@link
 * org.varl.rl.agents.ConvEncoder} in front of its networks (SAC+AE's pixel SAC: the encoder trained
 * by the critic only, {@link org.varl.rl.agents.ConvEncoderConfig}).
 */
package org.varl.rl.agents;
