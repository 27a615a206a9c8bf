package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpdateScheduleTest {

  @Test
  void rlZoosCartPoleScheduleMakesBurstsOf128UpdatesEvery256StepsAfter1000() {
    UpdateSchedule s = SoftQConfig.defaults().schedule();
    assertThat(s.updatesAfter(767)).as("768 steps: not yet past learning_starts").isFalse();
    assertThat(s.updatesAfter(1022)).isFalse();
    assertThat(s.updatesAfter(1023)).as("1024 steps: the first burst").isTrue();
    assertThat(s.updatesAfter(1279)).isTrue();
    long bursts = 0;
    for (long t = 0; t < 50_000; t++) {
      if (s.updatesAfter(t)) {
        bursts++;
      }
    }
    // Steps 1024, 1280, ..., 49920: 192 bursts, 24,576 updates (SB3 runs one more, partial-rollout
    // burst past total_timesteps).
    assertThat(bursts).isEqualTo(192);
    assertThat(bursts * s.gradientSteps()).isEqualTo(24_576);
    assertThat(s.totalUpdates(50_000)).isEqualTo(24_576);
    assertThat(s.totalUpdates(1_000)).as("no burst before learning_starts").isZero();
  }

  @Test
  void sacsScheduleUpdatesAfterEveryStepPastLearningStarts() {
    UpdateSchedule s = DiscreteSacConfig.defaults().schedule();
    assertThat(s.updatesAfter(98)).isFalse();
    assertThat(s.updatesAfter(99)).as("step 100 = learning_starts: SB3 waits for >").isFalse();
    assertThat(s.updatesAfter(100)).isTrue();
    assertThat(s.gradientSteps()).isEqualTo(1);
    // Steps 101..1000 each end with one update.
    assertThat(s.totalUpdates(1_000)).isEqualTo(900);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> new UpdateSchedule(0, 1, 0, 1, 1))
        .hasMessage("buffer-size must be >= 1, found 0");
    assertThatThrownBy(() -> new UpdateSchedule(1, 1, -1, 1, 1))
        .hasMessage("learning-starts must be >= 0, found -1");
    assertThatThrownBy(() -> new UpdateSchedule(1, 1, 0, 1, 0))
        .hasMessage("gradient-steps must be >= 1, found 0");
    assertThat(TdLoss.parse(" Huber ")).isEqualTo(TdLoss.HUBER);
    assertThatThrownBy(() -> TdLoss.parse("l1"))
        .hasMessage("loss must be one of huber, mse, found l1");
  }
}
