package org.varl.experiments.flow;

import java.util.List;
import org.varl.models.flow.Coupling;
import org.varl.models.flow.FlowEvaluation;

/**
 * The two runs of {@link CouplingExperiment}, I-CFM first.
 *
 * @param runs one per coupling
 */
public record CouplingResult(List<Run> runs) {

  public CouplingResult {
    runs = List.copyOf(runs);
  }

  /**
   * One coupling's run: its last training loss, Euler quality rows in NFE order, the straightness
   * at the largest NFE (the flow's own, to discretization error), training throughput, and paths
   * {@code [path][step][d]} of the first points of the largest-NFE solve.
   */
  public record Run(
      Coupling coupling,
      double finalLoss,
      double stepsPerSecond,
      List<FlowEvaluation.QualityRow> quality,
      double straightness,
      float[][][] paths) {

    /** The quality row at {@code nfe}. */
    public FlowEvaluation.QualityRow at(int nfe) {
      return quality.stream()
          .filter(r -> r.nfe() == nfe)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no quality row at nfe " + nfe));
    }
  }

  /** The run of {@code coupling}. */
  public Run of(Coupling coupling) {
    return runs.stream().filter(r -> r.coupling() == coupling).findFirst().orElseThrow();
  }
}
