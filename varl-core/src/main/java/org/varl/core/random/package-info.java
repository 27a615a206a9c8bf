/**
 * Seeds and noise. One seed per run, passed down explicitly (no static {@code Random}); every
 * random stream of a run is derived from it and its coordinates by {@link
 * org.varl.core.random.Seeds#mix}, so any draw can be recomputed from (seed, stream, epoch, step)
 * alone, which is what makes resume exact. {@link org.varl.core.random.NoiseStream} draws a step's
 * noise in Java from such a seed and copies it to the engine in one call.
 */
package org.varl.core.random;
