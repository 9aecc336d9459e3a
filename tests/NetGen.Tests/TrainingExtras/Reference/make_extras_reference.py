#!/usr/bin/env python3
"""Writes extras-reference.json beside this script: PyTorch's own numbers for issue #19's training extras
(Loss.Huber, Loss.L1, Optimizer.AdamW, WeightDecay, ClipGradientNorm and the warm-up schedule).

Run:  /usr/bin/python3 make_extras_reference.py   (needs torch; Debian: apt-get install python3-torch)

For each case in CASES (the C# networks of the same names are in ../ExtrasNetworks.cs):

- the model is the PyTorch equivalent of the NetGen layout: Dense = nn.Linear + activation; the layered net is
  Conv1d(1, 2, 3) + Tanh, Flatten, Linear(8, 2) on a [1, 6] input; the sequence net is nn.RNN(3, 4, tanh, batch_first)
  with nn.Linear(4, 2) on every step (SequenceLoss.EveryStep: the loss is the mean over samples, steps and outputs).
  The parameters, flattened in model.parameters() order, are NetGen's Parameters order.
- parameters: uniform(-0.8, 0.8) from torch.manual_seed(seed), rounded to float32; a batch of BATCH inputs uniform in
  [-1.5, 1.5] and targets uniform in [-2.5, 2.5] (so Huber's errors fall on both sides of delta = 1), float32 values.
- recorded in float64: the batch's mean loss and gradient at the initial parameters, then STEPS optimizer steps on the
  same batch (loss before each, parameters after each): optimizer.zero_grad(); loss.backward();
  torch.nn.utils.clip_grad_norm_(params, clip) when the case clips; optimizer.step().
- "schedules": the learning rates of LinearLR(start_factor=0.25, total_iters=4) and of
  SequentialLR([LinearLR(0.25, total_iters=4), CosineAnnealingLR(T_max=6, eta_min=0.001)], milestones=[4]) for 10
  epochs from lr 0.1, and LinearLR's default start factor (1/3) with total_iters=3 for 5 epochs.

The script is deterministic: rerunning it with the same PyTorch rewrites the same file.
"""

import json
import math
import os
import warnings

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "extras-reference.json")
BATCH = 5
STEPS = 3
SEQ = 4

torch.set_default_dtype(torch.float64)


def dense_model():
    return nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))


class Layered(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 2, 3)
        self.dense = nn.Linear(8, 2)

    def forward(self, x):  # x: [N, 6] -> [N, 1, 6]
        return self.dense(torch.flatten(torch.tanh(self.conv(x.view(-1, 1, 6))), 1))


class Sequence(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(3, 4, nonlinearity="tanh", batch_first=True)
        self.dense = nn.Linear(4, 2)

    def forward(self, x):  # x: [N, SEQ*3] -> [N, SEQ, 3]
        return self.dense(self.rnn(x.view(-1, SEQ, 3))[0]).reshape(x.shape[0], -1)


FAMILIES = {"dense": (dense_model, 3, 2), "layered": (Layered, 6, 2), "sequence": (Sequence, SEQ * 3, SEQ * 2)}

LOSSES = {"MeanSquaredError": nn.MSELoss(), "Huber": nn.HuberLoss(delta=1.0), "L1": nn.L1Loss()}

# name, family, loss, optimizer, options (lr, momentum, weight_decay, clip), seed
CASES = [
    ("Extras_Huber", "dense", "Huber", "Sgd", dict(lr=0.1), 1),
    ("Extras_L1", "dense", "L1", "Sgd", dict(lr=0.1), 2),
    ("Extras_AdamW", "dense", "MeanSquaredError", "AdamW", dict(lr=0.05, weight_decay=0.1), 3),
    ("Extras_AdamW_Default", "dense", "MeanSquaredError", "AdamW", dict(lr=0.5), 4),
    ("Extras_SgdDecay", "dense", "MeanSquaredError", "Sgd", dict(lr=0.1, weight_decay=0.05), 5),
    ("Extras_SgdMomentumDecay", "dense", "MeanSquaredError", "Sgd", dict(lr=0.1, momentum=0.9, weight_decay=0.05), 6),
    ("Extras_AdamDecay", "dense", "MeanSquaredError", "Adam", dict(lr=0.05, weight_decay=0.1), 7),
    ("Extras_ClipTriggers", "dense", "MeanSquaredError", "Sgd", dict(lr=0.1, momentum=0.5, weight_decay=0.01, clip=0.1), 8),
    ("Extras_ClipIdle", "dense", "MeanSquaredError", "Sgd", dict(lr=0.1, clip=1000.0), 9),
    ("Extras_LayeredHuber", "layered", "Huber", "AdamW", dict(lr=0.05, clip=0.2), 10),
    ("Extras_LayeredL1", "layered", "L1", "Sgd", dict(lr=0.1, momentum=0.9, weight_decay=0.05), 11),
    ("Extras_SequenceHuber", "sequence", "Huber", "Adam", dict(lr=0.05, weight_decay=0.1, clip=0.3), 12),
    ("Extras_SequenceL1", "sequence", "L1", "AdamW", dict(lr=0.05), 13),
]


def f32(t):
    return t.to(torch.float32).to(torch.float64)


def flat(params):
    return torch.cat([p.detach().reshape(-1) for p in params]).tolist()


def flat_grad(params):
    return torch.cat([p.grad.detach().reshape(-1) for p in params]).tolist()


def optimizer_for(kind, params, o):
    wd = o.get("weight_decay")
    if kind == "Sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o.get("momentum", 0.0), weight_decay=wd or 0.0)
    if kind == "Adam":
        return torch.optim.Adam(params, lr=o["lr"], weight_decay=wd or 0.0)
    # AdamW: PyTorch's default weight_decay (0.01) when the case does not set one, as NetGen's default.
    return torch.optim.AdamW(params, lr=o["lr"]) if wd is None else torch.optim.AdamW(params, lr=o["lr"], weight_decay=wd)


def run_case(name, family, loss_name, opt_kind, o, seed):
    make, in_size, out_size = FAMILIES[family]
    torch.manual_seed(seed)
    model = make()
    params = list(model.parameters())
    with torch.no_grad():
        for p in params:
            p.copy_(f32(torch.empty_like(p).uniform_(-0.8, 0.8)))
    x = f32(torch.empty(BATCH, in_size).uniform_(-1.5, 1.5))
    t = f32(torch.empty(BATCH, out_size).uniform_(-2.5, 2.5))
    loss_fn = LOSSES[loss_name]
    initial = flat(params)

    model.zero_grad()
    loss = loss_fn(model(x), t)
    loss.backward()
    errors = (model(x) - t).abs().detach().reshape(-1)
    gradient = flat_grad(params)
    first_loss = loss.item()

    optimizer = optimizer_for(opt_kind, params, o)
    steps = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = loss_fn(model(x), t)
        loss.backward()
        norm = None
        if "clip" in o:
            norm = torch.nn.utils.clip_grad_norm_(params, o["clip"]).item()
        optimizer.step()
        steps.append({"loss": loss.item(), "gradient_norm": norm, "parameters": flat(params)})
    return {
        "name": name, "family": family, "loss": loss_name, "optimizer": opt_kind, "options": o,
        "inputs": x.reshape(-1).tolist(), "targets": t.reshape(-1).tolist(), "batch": BATCH,
        "parameters": initial, "initial_loss": first_loss, "initial_gradient": gradient,
        "errors_below_delta": int((errors < 1).sum().item()), "errors_above_delta": int((errors > 1).sum().item()),
        "steps": steps,
    }


def schedule(make, epochs, lr=0.1):
    p = nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([p], lr=lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scheduler = make(optimizer)
        rates = []
        for _ in range(epochs):
            rates.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()
    return rates


def main():
    cases = [run_case(*c) for c in CASES]
    for c in cases:
        if c["loss"] == "Huber":
            assert c["errors_below_delta"] > 0 and c["errors_above_delta"] > 0, c["name"]
    clip_triggers = next(c for c in cases if c["name"] == "Extras_ClipTriggers")
    assert all(s["gradient_norm"] > 0.1 for s in clip_triggers["steps"])
    clip_idle = next(c for c in cases if c["name"] == "Extras_ClipIdle")
    assert all(s["gradient_norm"] < 1000 for s in clip_idle["steps"])
    schedules = {
        "linear": {"lr": 0.1, "epochs": 10, "start_factor": 0.25, "total_iters": 4,
                   "rates": schedule(lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=4), 10)},
        "linear_cosine": {"lr": 0.1, "epochs": 10, "start_factor": 0.25, "total_iters": 4, "eta_min": 0.001,
                          "rates": schedule(lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
                              torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=4),
                              torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=6, eta_min=0.001)], milestones=[4]), 10)},
        "linear_default": {"lr": 0.1, "epochs": 5, "total_iters": 3,
                           "rates": schedule(lambda o: torch.optim.lr_scheduler.LinearLR(o, total_iters=3), 5)},
    }
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "steps": STEPS, "cases": cases, "schedules": schedules}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
