package org.varl.cli.flow;

import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;

/**
 * I-CFM vs OT-CFM as a tour section of its own ({@link FlowTourPart}), for when the diffusion
 * section does not include it.
 */
public final class FlowTourSection implements TourSection {

  @Override
  public String id() {
    return "flow";
  }

  @Override
  public String title() {
    return "Flow matching: independent vs optimal-transport coupling";
  }

  @Override
  public TourResult run(TourContext context) {
    FlowTourPart.Part p = FlowTourPart.run(context);
    return new TourResult(p.claim(), p.figures(), p.findings(), p.metrics());
  }
}
