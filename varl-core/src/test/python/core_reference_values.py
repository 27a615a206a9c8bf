"""Reference values for the varl-core distribution and KL tests (run: /usr/bin/python3 core_reference_values.py).

Each printed value is pasted into the Java test named beside it. Uses torch only as independent references.
"""
import numpy as np
import torch

torch.set_printoptions(precision=8)

# BernoulliTest: logits [-2, 0.5, 30], x = [1, 0, 0]
l = np.array([-2.0, 0.5, 30.0])
# x log p + (1 - x) log(1 - p) with both logs from logaddexp (scipy's 1 - p loses digits at logit 30)
print("Bernoulli logProb", [x * -np.logaddexp(0, -v) + (1 - x) * -np.logaddexp(0, v) for x, v in zip([1, 0, 0], l)])
print("Bernoulli entropy", [float(torch.distributions.Bernoulli(logits=torch.tensor(v, dtype=torch.float64)).entropy()) for v in l])

# CategoricalTest: logits [1, 2, 3], value 2 ; entropy
c = torch.distributions.Categorical(logits=torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))
print("Categorical logProb(0), logProb(2)", float(c.log_prob(torch.tensor(0))), float(c.log_prob(torch.tensor(2))))
print("Categorical entropy", float(c.entropy()))

# KlTest: Normal(1, 0.5) || Normal(-1, 2)
print("KL normal", float(torch.distributions.kl_divergence(torch.distributions.Normal(1.0, 0.5), torch.distributions.Normal(-1.0, 2.0))))
# Bernoulli logits 0.3 || -1.2
print("KL bernoulli", float(torch.distributions.kl_divergence(torch.distributions.Bernoulli(logits=torch.tensor(0.3, dtype=torch.float64)), torch.distributions.Bernoulli(logits=torch.tensor(-1.2, dtype=torch.float64)))))
# Categorical [1,2,3] || [0,0,1]
print("KL categorical", float(torch.distributions.kl_divergence(c, torch.distributions.Categorical(logits=torch.tensor([0.0, 0.0, 1.0], dtype=torch.float64)))))
# Independent diag normals, d = 2: mu_p=[0, 1], s_p=[1, 0.5]; mu_q=[0.5, -1], s_q=[2, 1]
ip = torch.distributions.Independent(torch.distributions.Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 0.5])), 1)
iq = torch.distributions.Independent(torch.distributions.Normal(torch.tensor([0.5, -1.0]), torch.tensor([2.0, 1.0])), 1)
print("KL independent", float(torch.distributions.kl_divergence(ip, iq)))

# RelaxedOneHotCategorical: logits [0.1, -0.4, 1.2], temperature 0.7, value [0.2, 0.3, 0.5]
r = torch.distributions.RelaxedOneHotCategorical(torch.tensor(0.7, dtype=torch.float64), logits=torch.tensor([0.1, -0.4, 1.2], dtype=torch.float64))
print("Relaxed logProb", float(r.log_prob(torch.tensor([0.2, 0.3, 0.5], dtype=torch.float64))))

# TanhNormal: loc 0.2, scale 0.8, y = 0.6
t = torch.distributions.TransformedDistribution(torch.distributions.Normal(torch.tensor(0.2, dtype=torch.float64), torch.tensor(0.8, dtype=torch.float64)), [torch.distributions.transforms.TanhTransform()])
print("TanhNormal logProb(0.6)", float(t.log_prob(torch.tensor(0.6, dtype=torch.float64))))
