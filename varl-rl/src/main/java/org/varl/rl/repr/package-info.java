/**
 * Representation learning for RL from pixels (the lecture: "train a VAE on states in the replay
 * buffer R; run RL using z as the state instead of s"): collecting a replay directory of frames
 * ({@link org.varl.rl.repr.Collect}), encoding each frame of an observation's stack to a frozen
 * VAE's latent mean ({@link org.varl.rl.repr.ObservationEncoder}) and an environment that hands the
 * agent those latents ({@link org.varl.rl.repr.EncodedEnv}).
 */
package org.varl.rl.repr;
