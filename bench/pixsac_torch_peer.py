#!/usr/bin/python3
"""PyTorch side of bench/pixsac.sh: the same pixel-SAC update as varl's PixelSacUpdates, timed.
SAC+AE's routing (Yarats et al. 2019): encoder = conv 3x3 stride 2 (32) -> conv 3x3 stride 1 (32) -> fc 50 ->
LayerNorm -> tanh; the critics' encoder is trained by the critic loss only; the actor reads the same (tied)
convolutions, detached, through a head of its own; a target encoder (tau 0.05) feeds the target critics (tau 0.01).
Critics and actor 2x256 ReLU, learned alpha (target entropy -1), Adam 1e-3, batch 256 of 3x32x32 images in [0, 1]
from a replay buffer of 2,000 random images, one action in [-2, 2].
Run: /usr/bin/python3 pixsac_torch_peer.py [UPDATES=200] [THREADS=1] [WARMUP=20]
Prints: updates_per_second X ms_per_update Y batch 256 image 3x32x32 threads T updates N"""
import copy, math, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

updates = int(sys.argv[1]) if len(sys.argv) > 1 else 200
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 20
torch.set_num_threads(threads); torch.manual_seed(0)
B, C, H, W, FEAT, HID = 256, 3, 32, 32, 50, 256

class Convs(nn.Module):
    def __init__(s):
        super().__init__(); s.c1 = nn.Conv2d(C, 32, 3, stride=2); s.c2 = nn.Conv2d(32, 32, 3, stride=1)
    def forward(s, x): return F.relu(s.c2(F.relu(s.c1(x)))).flatten(1)

class Head(nn.Module):
    def __init__(s, flat): super().__init__(); s.fc = nn.Linear(flat, FEAT); s.ln = nn.LayerNorm(FEAT)
    def forward(s, h): return torch.tanh(s.ln(s.fc(h)))

def mlp(i, o): return nn.Sequential(nn.Linear(i, HID), nn.ReLU(), nn.Linear(HID, HID), nn.ReLU(), nn.Linear(HID, o))

convs = Convs(); flat = 32 * 13 * 13
head_q, head_pi = Head(flat), Head(flat)
actor, q1, q2 = mlp(FEAT, 2), mlp(FEAT + 1, 1), mlp(FEAT + 1, 1)
convs_t, head_t, q1t, q2t = copy.deepcopy(convs), copy.deepcopy(head_q), copy.deepcopy(q1), copy.deepcopy(q2)
for p in list(convs_t.parameters()) + list(head_t.parameters()) + list(q1t.parameters()) + list(q2t.parameters()):
    p.requires_grad_(False)
log_alpha = torch.zeros(1, requires_grad=True)
critic_params = list(convs.parameters()) + list(head_q.parameters()) + list(q1.parameters()) + list(q2.parameters())
oq = torch.optim.Adam(critic_params, 1e-3)
oa = torch.optim.Adam(list(head_pi.parameters()) + list(actor.parameters()), 1e-3)
oal = torch.optim.Adam([log_alpha], 1e-3)

def policy(z):
    mu, ls = actor(z).chunk(2, -1); ls = ls.clamp(-20, 2); std = ls.exp()
    u = mu + std * torch.randn_like(mu); a = torch.tanh(u)
    logp = (-0.5 * ((u - mu) / std) ** 2 - ls - 0.5 * math.log(2 * math.pi)).sum(-1, keepdim=True) \
        - (2 * (math.log(2) - u - F.softplus(-2 * u))).sum(-1, keepdim=True)
    return 2 * a, logp

N = 2000; rng = np.random.default_rng(1)
O = rng.random((N, C * H * W), dtype=np.float32); O2 = np.roll(O, -1, axis=0)
A = rng.uniform(-2, 2, (N, 1)).astype(np.float32); R = -rng.random((N, 1), dtype=np.float32)
D = np.zeros((N, 1), np.float32)

def polyak(t, o, tau):
    with torch.no_grad():
        for a, b in zip(t.parameters(), o.parameters()): a.mul_(1 - tau).add_(b, alpha=tau)

def update():
    i = rng.integers(0, N, B)
    s = torch.from_numpy(O[i]).view(B, C, H, W); s2 = torch.from_numpy(O2[i]).view(B, C, H, W)
    a, r, d = torch.from_numpy(A[i]), torch.from_numpy(R[i]), torch.from_numpy(D[i])
    alpha = log_alpha.exp().detach()
    with torch.no_grad():
        a2, logp2 = policy(head_pi(convs(s2)))
        z2 = head_t(convs_t(s2)); zq2 = torch.cat([z2, a2], 1)
        y = r + 0.99 * (1 - d) * (torch.min(q1t(zq2), q2t(zq2)) - alpha * logp2)
    zq = torch.cat([head_q(convs(s)), a], 1)
    lq = F.mse_loss(q1(zq), y) + F.mse_loss(q2(zq), y)
    oq.zero_grad(); lq.backward(); oq.step()
    with torch.no_grad():
        h = convs(s); zc = head_q(h)
    for p in list(q1.parameters()) + list(q2.parameters()): p.requires_grad_(False)
    pi, logp = policy(head_pi(h)); zpi = torch.cat([zc, pi], 1)
    lpi = (alpha * logp - torch.min(q1(zpi), q2(zpi))).mean()
    oa.zero_grad(); lpi.backward(); oa.step()
    for p in list(q1.parameters()) + list(q2.parameters()): p.requires_grad_(True)
    la = -(log_alpha * (logp.detach() + -1.0)).mean()
    oal.zero_grad(); la.backward(); oal.step()
    polyak(q1t, q1, 0.01); polyak(q2t, q2, 0.01); polyak(convs_t, convs, 0.05); polyak(head_t, head_q, 0.05)

for _ in range(warmup): update()
t0 = time.perf_counter()
for _ in range(updates): update()
sec = time.perf_counter() - t0
print("updates_per_second %.2f ms_per_update %.2f batch %d image 3x32x32 threads %d updates %d"
      % (updates / sec, 1000 * sec / updates, B, threads, updates))
