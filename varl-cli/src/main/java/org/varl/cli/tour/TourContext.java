package org.varl.cli.tour;

import java.nio.file.Path;

/**
 * What a tour section gets: its own output directory and the tour's seed (each section derives its
 * seeds from it, so the whole tour is repeatable).
 */
public record TourContext(Path dir, long seed) {}
