package org.varl.rl.env;

/**
 * Implemented by an environment whose observations are images, so that an agent can put a
 * convolutional encoder in front of its networks (SAC+AE, Yarats et al. 2019) and a representation
 * learner can cut the observation into frames.
 */
public interface ImageObservations {

  /** The layout of the flattened observation vector. */
  ImageShape imageShape();
}
