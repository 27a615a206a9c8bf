/**
 * Gridworlds built as general sparse {@link org.varl.control.Mdp}s: the N x N slippery gridworld of
 * the benchmark peer ({@link org.varl.control.grid.SlipperyGridworld}) and maps read from text
 * ({@link org.varl.control.grid.GridMap}), and the ones a command can name ({@link
 * org.varl.control.grid.NamedGrids}). All give a {@link org.varl.control.grid.Gridworld}: the MDP
 * plus the geometry needed to draw it and the cell types used as features by inverse RL.
 */
package org.varl.control.grid;
