package org.varl.cli.tour;

import java.util.List;

/** The tour's sections, in the lecture's order. Each topic adds its section here. */
public final class TourRegistry {

  private TourRegistry() {}

  /** All sections, in report order. */
  public static List<TourSection> sections() {
    return List.of(new ControlSection(), new org.varl.cli.vi.AmortizationTourSection(),
        new org.varl.cli.vi.EstimatorsTourSection(), new org.varl.cli.vae.VaeTourSection());
  }
}
