package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvsTest {

  @Test
  void namesAndGymnasiumIdsMakeFreshEnvironmentsInTheirTimeLimits() {
    assertThat(Envs.names())
        .containsExactly(
            "pendulum", "cartpole", "mountaincar-continuous", "pendulum-pixels", "cartpole-pixels");
    assertThat(Envs.make("pendulum").unwrapped()).isInstanceOf(Pendulum.class);
    assertThat(Envs.make("Pendulum-v1").maxEpisodeSteps()).isEqualTo(200);
    assertThat(Envs.make("cartpole").unwrapped()).isInstanceOf(CartPole.class);
    assertThat(Envs.make("CartPole-v1").maxEpisodeSteps()).isEqualTo(500);
    assertThat(Envs.make("mountaincar-continuous").unwrapped())
        .isInstanceOf(MountainCarContinuous.class);
    assertThat(Envs.make("MountainCarContinuous-v0").maxEpisodeSteps()).isEqualTo(999);
    assertThat(Envs.make("pendulum")).isNotSameAs(Envs.make("pendulum"));
  }

  @Test
  void anUnknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> Envs.make("acrobot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "env must be one of pendulum (Pendulum-v1), cartpole (CartPole-v1),"
                + " mountaincar-continuous (MountainCarContinuous-v0), pendulum-pixels"
                + " (Pendulum-v1-pixels), cartpole-pixels (CartPole-v1-pixels), found 'acrobot'");
  }
}
