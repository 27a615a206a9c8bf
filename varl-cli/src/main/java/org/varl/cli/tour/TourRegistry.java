package org.varl.cli.tour;

import java.util.List;
import org.varl.cli.diffusion.DiffusionTourSection;
import org.varl.cli.imitation.ImitationTourSection;
import org.varl.cli.rl.MaxEntRlTourSection;
import org.varl.cli.rl.RepresentationTourSection;
import org.varl.cli.ssm.SsmTourSection;
import org.varl.cli.vae.VaeTourSection;
import org.varl.cli.vi.AmortizationTourSection;
import org.varl.cli.vi.EstimatorsTourSection;

/** The tour's sections, in the lecture's order. Each topic adds its section here. */
public final class TourRegistry {

  private TourRegistry() {}

  /** All sections, in report order. */
  public static List<TourSection> sections() {
    // The lecture's order: amortized VI, its gradient estimators, the VAE; then control as
    // inference and maximum-entropy RL, its sampled form.
    return List.of(
        new AmortizationTourSection(),
        new EstimatorsTourSection(),
        new VaeTourSection(),
        new DiffusionTourSection(),
        new ControlSection(),
        new MaxEntRlTourSection(),
        new ImitationTourSection(),
        new RepresentationTourSection(),
        new SsmTourSection());
  }
}
