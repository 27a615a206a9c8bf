"""Reference values for PendulumTest, CartPoleTest and MountainCarContinuousTest.

Plain Python floats (IEEE double, like NumPy's float64 state) following the published equations of
Gymnasium's classic_control environments (pendulum.py, cartpole.py, continuous_mountain_car.py),
written out here from the equations, one step at a time. Run: python3 classic_control_reference.py
Observations are printed as float32 values, as Gymnasium returns them.
"""
import math
import struct


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def pendulum(theta, theta_dot, a):
    g, m, l, dt = 10.0, 1.0, 1.0, 0.05
    u = min(max(a, -2.0), 2.0)
    th_norm = ((theta + math.pi) % (2 * math.pi)) - math.pi
    reward = -(th_norm**2 + 0.1 * theta_dot**2 + 0.001 * u**2)
    new_theta_dot = theta_dot + (3 * g / (2 * l) * math.sin(theta) + 3.0 / (m * l**2) * u) * dt
    new_theta_dot = min(max(new_theta_dot, -8.0), 8.0)
    new_theta = theta + new_theta_dot * dt
    obs = [f32(math.cos(new_theta)), f32(math.sin(new_theta)), f32(new_theta_dot)]
    return (new_theta, new_theta_dot), obs, reward


def cartpole(state, action):
    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass = masspole + masscart
    polemass_length = masspole * length
    x, x_dot, theta, theta_dot = state
    force = force_mag if action == 1 else -force_mag
    c, s = math.cos(theta), math.sin(theta)
    temp = (force + polemass_length * theta_dot**2 * s) / total_mass
    thetaacc = (gravity * s - c * temp) / (length * (4.0 / 3.0 - masspole * c**2 / total_mass))
    xacc = temp - polemass_length * thetaacc * c / total_mass
    x = x + tau * x_dot
    x_dot = x_dot + tau * xacc
    theta = theta + tau * theta_dot
    theta_dot = theta_dot + tau * thetaacc
    limit = 12 * 2 * math.pi / 360
    terminated = x < -2.4 or x > 2.4 or theta < -limit or theta > limit
    return (x, x_dot, theta, theta_dot), terminated


def mountain_car(position, velocity, a):
    power, max_speed = 0.0015, 0.07
    force = min(max(a, -1.0), 1.0)
    velocity += force * power - 0.0025 * math.cos(3 * position)
    velocity = min(max(velocity, -max_speed), max_speed)
    position += velocity
    position = min(max(position, -1.2), 0.6)
    if position == -1.2 and velocity < 0:
        velocity = 0.0
    terminated = position >= 0.45 and velocity >= 0.0
    reward = (100.0 if terminated else 0.0) - a**2 * 0.1
    # Gymnasium stores the new state as float32.
    return (f32(position), f32(velocity)), terminated, reward


if __name__ == "__main__":
    print("pendulum (1.0, 0.5), a=1.5:", repr(pendulum(1.0, 0.5, 1.5)))
    print("pendulum (7.0, -3.0), a=-0.25:", repr(pendulum(7.0, -3.0, -0.25)))
    print("pendulum (-4.0, 7.9), a=5 (clipped to 2):", repr(pendulum(-4.0, 7.9, 5.0)))
    print("cartpole (0.01, -0.02, 0.03, 0.04), a=1:", repr(cartpole((0.01, -0.02, 0.03, 0.04), 1)))
    print("cartpole (-0.5, 0.3, -0.1, -0.2), a=0:", repr(cartpole((-0.5, 0.3, -0.1, -0.2), 0)))
    print("cartpole (2.39, 1.0, 0.0, 0.0), a=1:", repr(cartpole((2.39, 1.0, 0.0, 0.0), 1)))
    print("cartpole (0.0, 0.0, 0.2, 0.5), a=0:", repr(cartpole((0.0, 0.0, 0.2, 0.5), 0)))
    print("mountain car (-0.5, 0.0), a=0.8:", repr(mountain_car(-0.5, 0.0, 0.8)))
    print("mountain car (-1.19, -0.05), a=-1:", repr(mountain_car(-1.19, -0.05, -1.0)))
    print("mountain car (0.44, 0.02), a=0.5:", repr(mountain_car(0.44, 0.02, 0.5)))
    print("mountain car (0.5, 0.069), a=2 (force clipped to 1, speed to 0.07):", repr(mountain_car(0.5, 0.069, 2.0)))
