#!/usr/bin/python3
"""PyTorch timings of the operations in varl-bench's org.varl.bench.core JMH benchmarks, for bench/jmh-core.sh.

Same shapes and semantics: Normal rsample + log_prob at batch 128 x 20; Categorical (10 categories) sample +
log_prob at batch 128 x 20; RelaxedOneHotCategorical (temperature 0.5) rsample + log_prob; one ELBO + backward of the
784-400-20 VAE (ReLU, Bernoulli logits, analytic KL, one draw, batch 128) with gradients zeroed. Each result is read
back with .item(), as the Java benchmarks read back a float.
Usage: /usr/bin/python3 jmh-core-torch.py THREADS  -> lines "torch <benchmark> <microseconds per op>".
"""
import sys
import time

import torch
import torch.nn.functional as F
from torch import distributions as D

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(1)

loc = torch.randn(128, 20)
scale = torch.rand(128, 20) + 0.5
logits = torch.randn(128, 20, 10)


def normal():
    q = D.Normal(loc, scale)
    return q.log_prob(q.rsample()).sum().item()


def categorical():
    q = D.Categorical(logits=logits)
    return q.log_prob(q.sample()).sum().item()


def relaxed():
    # validate_args=False: torch's float32 simplex check rejects some of its own draws (sum off by > 1e-6).
    q = D.RelaxedOneHotCategorical(torch.tensor(0.5), logits=logits, validate_args=False)
    return q.log_prob(q.rsample()).sum().item()


def linear(n_in, n_out):
    bound = 1 / n_in ** 0.5
    w = (torch.rand(n_in, n_out) * 2 - 1) * bound
    return w.requires_grad_(), torch.zeros(n_out, requires_grad=True)


x = (torch.rand(128, 784) > 0.7).float()
w1, b1 = linear(784, 400)
wm, bm = linear(400, 20)
wv, bv = linear(400, 20)
w3, b3 = linear(20, 400)
w4, b4 = linear(400, 784)
params = [w1, b1, wm, bm, wv, bv, w3, b3, w4, b4]


def elbo_backward():
    h = F.relu(x @ w1 + b1)
    mu, logvar = h @ wm + bm, h @ wv + bv
    q = D.Independent(D.Normal(mu, torch.exp(0.5 * logvar)), 1)
    z = q.rsample()
    logits_x = F.relu(z @ w3 + b3) @ w4 + b4
    recon = D.Independent(D.Bernoulli(logits=logits_x), 1).log_prob(x)
    prior = D.Independent(D.Normal(torch.zeros(20), torch.ones(20)), 1)
    neg_elbo = -(recon - D.kl_divergence(q, prior)).sum()
    neg_elbo.backward()
    for p in params:
        p.grad = None
    return neg_elbo.item()


def time_per_op(fn, seconds=3.0):
    for _ in range(50):
        fn()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        n += 1
    return (time.perf_counter() - t0) / n * 1e6


for name, fn in [("normalRsampleLogProb", normal), ("categoricalSampleLogProb", categorical),
                 ("relaxedCategoricalRsampleLogProb", relaxed), ("elboBackward", elbo_backward)]:
    print(f"torch {name} {time_per_op(fn):.2f}", flush=True)
