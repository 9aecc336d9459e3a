#!/usr/bin/env python3
"""Writes activation-reference.json beside this script: PyTorch's own numbers (float64) for NetGen's activations.

Run:  python3 make_activation_reference.py   (needs torch; Debian: apt-get install python3-torch)

Two parts (README.md beside this file explains the format):

- "pointwise": for each activation, x on a grid over [-25, 25] (step 0.25) plus the kinks and their neighbours
  (-3, 3, 0, 20 and each +-1e-3), every x rounded to float32; f(x) and f'(x) from autograd (as PyTorch gives them at
  the kinks).
- "nets": for each of the eight newer activations two small nn.Sequential networks laid out as NetGen lays them out
  (docs/pytorch.md): "<Act>_Mse" = Linear(3,5), act, Linear(5,4), act, Linear(4,2) with MSELoss, and "<Act>_Bce" =
  Linear(4,6), act, Linear(6,3), Sigmoid with BCELoss. Float32-representable weights (uniform(-0.8, 0.8) from
  torch.manual_seed(seed), rounded to float32), a batch of 5 inputs in [-4, 4] and targets; the outputs, each sample's
  loss and gradient, the batch's mean loss and gradient, three Adam(lr=0.01) steps and one SGD(lr=0.1) step on the
  batch's mean loss. The format is that of ../shared/fixtures/pytorch-reference.json (the project's other PyTorch data).

Every net's seed is the first (from its base seed up) whose hidden pre-activations fall at least twice in each of
(-inf, -3), (-3, 0), (0, 3) and (3, inf), and for which the same computation in float32 agrees with float64
to a fifth of the tests' tolerance (|f32 - f64| <= 2e-5*|f64| + 2e-6 for every number written), so that no
pre-activation sits close enough to a kink, and no Adam step is so sensitive, that float32 rounding could change the
result: what the C# tests compare is then float32 arithmetic against its exact value, not luck.
"""

import json
import math
import os
import re

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "activation-reference.json")

# NetGen's Activation member -> a factory of the PyTorch module.
MODULES = {
    "Sigmoid": (lambda: nn.Sigmoid(), "nn.Sigmoid()"),
    "Tanh": (lambda: nn.Tanh(), "nn.Tanh()"),
    "Relu": (lambda: nn.ReLU(), "nn.ReLU()"),
    "LeakyRelu": (lambda: nn.LeakyReLU(), "nn.LeakyReLU()"),
    "Silu": (lambda: nn.SiLU(), "nn.SiLU()"),
    "Gelu": (lambda: nn.GELU(), "nn.GELU()"),
    "GeluTanh": (lambda: nn.GELU(approximate="tanh"), "nn.GELU(approximate='tanh')"),
    "Elu": (lambda: nn.ELU(), "nn.ELU()"),
    "Softplus": (lambda: nn.Softplus(), "nn.Softplus()"),
    "Mish": (lambda: nn.Mish(), "nn.Mish()"),
    "HardSigmoid": (lambda: nn.Hardsigmoid(), "nn.Hardsigmoid()"),
    "HardSwish": (lambda: nn.Hardswish(), "nn.Hardswish()"),
}
NEW = ["Silu", "Gelu", "GeluTanh", "Elu", "Softplus", "Mish", "HardSigmoid", "HardSwish"]
OLD = ["Sigmoid", "Tanh", "Relu", "LeakyRelu"]

ADAM_LR, ADAM_STEPS = 0.01, 3
SGD_LR, SGD_STEPS = 0.1, 1
BATCH = 5

# The float32-vs-float64 agreement a seed must reach (a fifth of the C# tests' relative 1e-4 + absolute 1e-5).
CHECK_RELATIVE, CHECK_ABSOLUTE = 2e-5, 2e-6


def f32(values):
    """Rounds to float32 and back: every number the C# side reads as float is then exact."""
    return np.asarray(values, dtype=np.float64).astype(np.float32).astype(np.float64)


def pointwise_grid():
    grid = list(np.linspace(-25.0, 25.0, 201))
    for kink in (-3.0, 3.0, 0.0, 20.0):
        grid += [kink, kink - 1e-3, kink + 1e-3]
    return sorted(set(f32(grid).tolist()))


def pointwise(name):
    # One point at a time: PyTorch's CPU kernels have a scalar and a vectorised form, and for Hardswish they disagree at
    # exactly x = 3 (the scalar form and the CUDA kernel give 3/3 + 1/2 = 1.5, the vectorised form 1). Evaluating each
    # point alone takes the scalar form, which is what a single value (and CUDA) gets; NetGen follows it.
    xs, ys, dys = [], [], []
    for value in pointwise_grid():
        x = torch.tensor([value], dtype=torch.float64, requires_grad=True)
        y = MODULES[name][0]()(x)
        y.sum().backward()
        xs.append(value)
        ys.append(y.item())
        dys.append(x.grad.item())
    return {
        "activation": name,
        "module": MODULES[name][1],
        "x": xs,
        "y": ys,
        "dy": dys,
    }


def layout(kind, act):
    """(input size, [(units, activation)], loss) of the two nets of an activation."""
    if kind == "Mse":
        return 3, [(5, act), (4, act), (2, "Identity")], "MeanSquaredError"
    return 4, [(6, act), (3, "Sigmoid")], "BinaryCrossEntropy"


def build(input_size, layers, parameters, dtype):
    modules, fan_in, k = [], input_size, 0
    for units, act in layers:
        linear = nn.Linear(fan_in, units)
        with torch.no_grad():
            n = units * fan_in
            linear.weight.copy_(torch.tensor(parameters[k:k + n]).reshape(units, fan_in))
            linear.bias.copy_(torch.tensor(parameters[k + n:k + n + units]))
        k += n + units
        modules.append(linear)
        if act != "Identity":
            modules.append(MODULES[act][0]())
        fan_in = units
    return nn.Sequential(*modules).to(dtype)


def flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).double().tolist()


def flat_grad(model):
    return torch.cat([p.grad.reshape(-1) for p in model.parameters()]).double().tolist()


def compute(input_size, layers, loss, parameters, inputs, targets, dtype):
    """Everything the JSON records of one net, computed in dtype."""
    criterion = nn.MSELoss() if loss == "MeanSquaredError" else nn.BCELoss()
    x = torch.tensor(inputs, dtype=dtype)
    t = torch.tensor(targets, dtype=dtype)
    model = build(input_size, layers, parameters, dtype)
    result = {"outputs": model(x).detach().double().tolist(), "samples": []}
    for s in range(BATCH):
        model.zero_grad()
        value = criterion(model(x[s:s + 1]), t[s:s + 1])
        value.backward()
        result["samples"].append({"loss": value.item(), "gradient": flat_grad(model)})
    model.zero_grad()
    value = criterion(model(x), t)
    value.backward()
    result["batchLoss"] = value.item()
    result["batchGradient"] = flat_grad(model)
    optimizers = {}
    for name, make, lr, steps in (
        ("Adam", lambda ps: torch.optim.Adam(ps, lr=ADAM_LR), ADAM_LR, ADAM_STEPS),
        ("Sgd", lambda ps: torch.optim.SGD(ps, lr=SGD_LR), SGD_LR, SGD_STEPS),
    ):
        model = build(input_size, layers, parameters, dtype)
        optimizer = make(model.parameters())
        trajectory = []
        for _ in range(steps):
            optimizer.zero_grad()
            value = criterion(model(x), t)
            value.backward()
            optimizer.step()
            trajectory.append({"lossBefore": value.item(), "parameters": flat(model)})
        optimizers[name] = {"settings": {"lr": lr}, "trajectory": trajectory}
    result["optimizers"] = optimizers
    return result


def covers_the_kinks(input_size, layers, parameters, inputs):
    """Whether the hidden layers' pre-activations (at the initial parameters) fall at least twice in each of
    (-inf, -3), (-3, 0), (0, 3) and (3, inf): both sides of every kink (HardSigmoid's and HardSwish's at +-3, Elu's and
    the ReLU family's at 0) and the negative tails are exercised."""
    model = build(input_size, layers, parameters, torch.float64)
    x, hidden = torch.tensor(inputs, dtype=torch.float64), []
    linears = [m for m in model if isinstance(m, nn.Linear)]
    for module in model:
        x = module(x)
        if isinstance(module, nn.Linear) and module is not linears[-1]:
            hidden += x.detach().reshape(-1).tolist()
    regions = [sum(1 for z in hidden if low < z < high) for low, high in ((-math.inf, -3), (-3, 0), (0, 3), (3, math.inf))]
    return min(regions) >= 2


def numbers(value):
    if isinstance(value, dict):
        for key in sorted(value):
            yield from numbers(value[key])
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)
    elif isinstance(value, float):
        yield value


def worst_disagreement(exact, approximate):
    a, e = list(numbers(approximate)), list(numbers(exact))
    assert len(a) == len(e)
    return max(abs(p - q) / (CHECK_RELATIVE * abs(q) + CHECK_ABSOLUTE) for p, q in zip(a, e))


def net(act, kind, base_seed):
    input_size, layers, loss = layout(kind, act)
    count = sum(units * (fan_in + 1) for units, fan_in in
                zip([u for u, _ in layers], [input_size] + [u for u, _ in layers[:-1]]))
    for seed in range(base_seed, base_seed + 1000):
        torch.manual_seed(seed)
        parameters = f32(torch.empty(count, dtype=torch.float64).uniform_(-0.8, 0.8).numpy()).tolist()
        inputs = f32(torch.empty(BATCH, input_size, dtype=torch.float64).uniform_(-4, 4).numpy()).tolist()
        outputs = layers[-1][0]
        if loss == "MeanSquaredError":
            targets = f32(torch.empty(BATCH, outputs, dtype=torch.float64).uniform_(-2, 2).numpy()).tolist()
        else:
            targets = f32(torch.empty(BATCH, outputs, dtype=torch.float64).uniform_(0, 1).numpy()).tolist()
        if not covers_the_kinks(input_size, layers, parameters, inputs):
            continue
        exact = compute(input_size, layers, loss, parameters, inputs, targets, torch.float64)
        single = compute(input_size, layers, loss, parameters, inputs, targets, torch.float32)
        if worst_disagreement(exact, single) <= 1:
            entry = {
                "name": f"{act}_{kind}",
                "activation": act,
                "seed": seed,
                "loss": loss,
                "input": input_size,
                "layers": [{"units": u, "activation": a} for u, a in layers],
                "parameters": parameters,
                "inputs": inputs,
                "targets": targets,
            }
            entry.update(exact)
            return entry
    raise RuntimeError(f"{act}_{kind}: no seed in 1000 where float32 agrees with float64")


def main():
    torch.set_default_dtype(torch.float64)
    document = {
        "about": (
            f"PyTorch {torch.__version__}, float64 (make_activation_reference.py). pointwise: per activation, x (float32 "
            "values) and f(x), f'(x) from autograd. nets: parameters per nn.Linear: weight [out,in] row-major, then bias "
            "(NetGen's order, nn.Sequential's state_dict order); inputs, targets and parameters are float32 values. "
            "Losses: nn.MSELoss / nn.BCELoss with reduction='mean' (per sample: mean over the outputs; batch: mean over "
            "samples too). samples: each sample's loss and gradient alone; batchLoss/batchGradient: the batch's mean loss. "
            "optimizers: Adam(lr=0.01, betas=(0.9,0.999), eps=1e-8) three steps, SGD(lr=0.1) one step, each on the "
            "batch's mean loss from the initial parameters; 'trajectory' holds the loss before and the parameters after "
            "each step. seed: torch.manual_seed of the draw (the first from the base seed whose hidden pre-activations fall "
            "at least twice below -3, in (-3,0), in (0,3) and above 3, and whose float32 run agrees with float64 within "
            "2e-5 relative + 2e-6 absolute)."
        ),
        "torch": torch.__version__,
        "pointwise": [pointwise(name) for name in OLD + NEW],
        "nets": [],
    }
    for i, act in enumerate(NEW):
        for j, kind in enumerate(("Mse", "Bce")):
            entry = net(act, kind, 1000 * (2 * i + j + 1))
            print(f"{entry['name']}: seed {entry['seed']}, batch loss {entry['batchLoss']:.6f}")
            document["nets"].append(entry)
    text = json.dumps(document, indent=1)
    # Lists of numbers on one line each: the file stays readable and a tenth of the size.
    text = re.sub(r"\[\s*([-0-9.e+,\s]+?)\s*\]", lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text)
    with open(OUT, "w", encoding="utf-8") as file:
        file.write(text + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
