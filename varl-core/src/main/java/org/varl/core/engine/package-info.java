/**
 * Engine setup shared by every varl run: device selection ({@code --device cpu|gpu}), DJL/PyTorch
 * thread settings, quiet logging by default, and the per-run random seed of DJL's global generator.
 */
package org.varl.core.engine;
