package org.varl.rl.imitation;

/**
 * One step of a demonstration: the state before the step, the action the task applied (already
 * clipped to norm 0.05, so that (x, y) + (dx, dy) is the next state), and the expert's mode.
 *
 * @param episode the episode index, from 0
 * @param step the step index within the episode, from 0
 * @param x the state's x before the step
 * @param y the state's y before the step
 * @param dx the applied action's x component
 * @param dy the applied action's y component
 * @param mode the expert's mode of the episode ({@link ObstacleExpert#mode()})
 */
public record DemoRow(int episode, int step, double x, double y, double dx, double dy, int mode) {}
