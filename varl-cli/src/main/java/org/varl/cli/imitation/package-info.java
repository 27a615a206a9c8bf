/**
 * The {@code varl imitation} subcommands: {@code demos}, the scripted expert's demonstrations on
 * the obstacle task ({@code org.varl.rl.imitation}), written as {@code demos.csv}.
 */
package org.varl.cli.imitation;
