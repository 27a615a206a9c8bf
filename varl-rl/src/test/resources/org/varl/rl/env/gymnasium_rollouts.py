"""Reference trajectories from Gymnasium itself, for GymnasiumParityTest.

Needs gymnasium (written with 1.3.0) and numpy. Each environment is made with gymnasium.make (so in
its TimeLimit), reset, put into a given physical state through env.unwrapped.state, and stepped
with actions given as float64 arrays (varl's actions are doubles). The actions come from a simple
feedback rule on Gymnasium's observation (so that the episodes are long: CartPole balances to its
time limit, the car swings up to the flag); the test replays them open loop. The
rows are written in the format of `varl rl rollout`: step, obs_*, action_*, reward, terminated,
truncated, with repr() digits (round-trip). Run: python3 gymnasium_rollouts.py (writes the three
gymnasium_*.csv files beside it).
"""
import math
import os

import gymnasium as gym
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def pendulum_actions(t, obs):
    # Some torques beyond the bound of 2, to exercise the clipping.
    return [2.5 * math.sin(0.37 * t)]


def cartpole_actions(t, obs):
    x, x_dot, theta, theta_dot = obs
    return [1 if theta + 0.5 * theta_dot + 0.01 * x + 0.05 * x_dot > 0 else 0]


def mountain_car_actions(t, obs):
    # Push along the velocity (pumping energy); 1.3 exceeds the box (the cost uses it unclipped).
    position, velocity = obs
    if t < 8:
        return [-1.0]
    return [1.3 if velocity >= 0 and t % 4 == 0 else (0.9 if velocity >= 0 else -0.8)]


def rollout(env_id, state, actions, max_steps, name):
    env = gym.make(env_id)
    env.reset(seed=0)
    env.unwrapped.state = np.array(state, dtype=np.float64)
    obs = env.unwrapped._get_obs() if env_id == "Pendulum-v1" else np.array(state, dtype=np.float32)
    rows = []
    k = len(obs)
    header = ["step"] + [f"obs_{i}" for i in range(k)] + ["action_0", "reward", "terminated", "truncated"]
    rows.append(",".join(header))
    rows.append(",".join(["0"] + [repr(float(v)) for v in obs] + ["", "", "false", "false"]))
    for t in range(max_steps):
        a = actions(t, obs)
        if env_id == "CartPole-v1":
            action = int(a[0])
        else:
            action = np.array(a, dtype=np.float64)
        obs, reward, terminated, truncated, _ = env.step(action)
        rows.append(
            ",".join(
                [str(t + 1)]
                + [repr(float(v)) for v in obs]
                + [repr(float(a[0])), repr(float(reward)), str(bool(terminated)).lower(), str(bool(truncated)).lower()]
            )
        )
        if terminated or truncated:
            break
    with open(os.path.join(HERE, name), "w") as f:
        f.write(f"# {env_id} from state {state}, gymnasium {gym.__version__}, numpy {np.__version__}\n")
        f.write("\n".join(rows) + "\n")
    print(name, len(rows) - 2, "steps, last:", rows[-1])


if __name__ == "__main__":
    rollout("Pendulum-v1", [2.0, -0.3], pendulum_actions, 250, "gymnasium_pendulum.csv")
    rollout("CartPole-v1", [0.0, 0.1, 0.02, -0.1], cartpole_actions, 600, "gymnasium_cartpole.csv")
    rollout("MountainCarContinuous-v0", [-0.9, -0.06], mountain_car_actions, 1000, "gymnasium_mountaincar.csv")
