#!/usr/bin/env python3
"""Writes shaped-reference.json, one <name>.safetensors per net and <name>.trained.safetensors for the BatchNorm nets
beside this script: PyTorch's own numbers (float64) for NetGen's shaped layers (Conv1D, Conv2D, MaxPool1D/2D,
AvgPool1D/2D, GlobalAvgPool, Flatten, LayerNorm, BatchNorm, and Dense after them).

Run:  /usr/bin/python3 make_shaped_reference.py   (needs torch and numpy; Debian: apt-get install python3-torch)

No other package is needed: the safetensors files are written by hand (8-byte little-endian header length, the JSON
header, then the raw little-endian data: float32, and int64 for BatchNorm's num_batches_tracked, a scalar of shape []).

For each of the nets in NETS (README.md beside this file lists them and explains the format):

- the PyTorch model is an nn.Sequential with NetGen's module indices: Conv1D = nn.Conv1d, Conv2D = nn.Conv2d (square
  kernel), Dense = nn.Linear, LayerNorm = nn.LayerNorm(the previous output's whole shape, eps 1e-5), BatchNorm =
  nn.BatchNorm1d (flat features, or the channels of [C, L]) / nn.BatchNorm2d (the channels of [C, H, W]) with eps 1e-5
  and momentum 0.1, each followed by its activation module unless Identity; MaxPool1D/2D = nn.MaxPool1d/2d,
  AvgPool1D/2D = nn.AvgPool1d/2d (no padding, floor), GlobalAvgPool = nn.AdaptiveAvgPool1d(1)/2d(1), Flatten =
  nn.Flatten(), one module each. A sample is [C, L] (NCL) or [C, H, W] (NCHW) without the batch, or [F].
- parameters: PyTorch's default initialisation of the modules from torch.manual_seed(seed) (float32), then every
  LayerNorm/BatchNorm weight uniform(0.5, 1.5) and bias uniform(-0.3, 0.3), every BatchNorm running_mean
  uniform(-0.2, 0.2) and running_var uniform(0.5, 1.5) (num_batches_tracked 0), in module order; then a batch of 6
  inputs uniform in [-2, 2] and the targets: MSE uniform [-1, 1], BCE uniform [0, 1], CE softmax of normal(0, 1.5)
  logits (rounded to float32, still >= 0). Everything drawn is a float32 value; the computation is then float64.
- recorded, in float64: the eval-mode outputs and mean loss (running statistics), the train-mode batch mean loss and its
  gradient (batch statistics), sample 0's train-mode loss and gradient alone (null where PyTorch refuses: BatchNorm over
  flat features needs more than one value per channel in training), three optimizer steps on the same batch (loss
  before, parameters and running statistics after each; train mode, so BatchNorm's running statistics are updated with
  momentum 0.1 and the unbiased batch variance), and the eval-mode outputs after the three steps.

MaxPool_Ties has fixed parameters and crafted integer inputs: every pool window holds two or more equal maxima whose
input neighbourhoods differ. PyTorch routes the gradient to the first maximum of the window; the script asserts that,
and that routing to the last maximum would give another convolution gradient.

Each other net's seed is the first (from its base seed 1000 x its position up) for which no Relu/LeakyRelu
pre-activation lies within KINK_MARGIN of 0 and no max-pool window's two largest values lie within KINK_MARGIN of each
other in any forward pass the script makes, and the whole computation redone in float32 agrees with the float64 one
within CHECK_RELATIVE * max(|x|, CHECK_FLOOR * max|vector|) on every number of every recorded vector. In that float32
run the zero-gradient parameters (zero_gradient_parameters: a bias that BatchNorm takes out again, whose gradient is
rounding noise that Adam blows up into steps of up to lr) are set to the float64 run's values after each step, as the
C# tests do with the generated networks.
The script is deterministic: rerunning it with the same PyTorch rewrites the same files.
"""

import json
import os
import re
import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "shaped-reference.json")

BATCH = 6
STEPS = 3
INPUT_RANGE = 2.0
EPS = 1e-5
BN_MOMENTUM = 0.1
# The float32-vs-float64 agreement a seed must reach: |f32 - f64| <= CHECK_RELATIVE * max(|f64|, CHECK_FLOOR * max|vector|)
# for every number of every vector the JSON records (a tenth of the C# tests' 2e-4).
CHECK_RELATIVE, CHECK_FLOOR = 2e-5, 1e-2
# No Relu/LeakyRelu pre-activation closer to 0, and no two largest values of a max-pool window closer to each other, than
# this, in every forward pass (the C# finite differences step parameters by 1e-6 relative).
KINK_MARGIN = 1e-4

MSE, BCE, CE = "MeanSquaredError", "BinaryCrossEntropy", "CrossEntropy"
SGD, ADAM = "Sgd", "Adam"


def conv1d(out_channels, kernel_size, stride=1, padding=0, dilation=1, activation="Identity"):
    return {"kind": "Conv1D", "out_channels": out_channels, "kernel_size": kernel_size, "stride": stride,
            "padding": padding, "dilation": dilation, "activation": activation}


def conv2d(out_channels, kernel_size, stride=1, padding=0, activation="Identity"):
    return {"kind": "Conv2D", "out_channels": out_channels, "kernel_size": kernel_size, "stride": stride,
            "padding": padding, "activation": activation}


def pool(kind, kernel_size, stride=0):
    # stride 0 is the attribute's default: the kernel size (as PyTorch's stride=None)
    return {"kind": kind, "kernel_size": kernel_size, "stride": stride or kernel_size, "_stride_written": stride}


def max_pool1d(k, s=0):
    return pool("MaxPool1D", k, s)


def max_pool2d(k, s=0):
    return pool("MaxPool2D", k, s)


def avg_pool1d(k, s=0):
    return pool("AvgPool1D", k, s)


def avg_pool2d(k, s=0):
    return pool("AvgPool2D", k, s)


def global_avg_pool():
    return {"kind": "GlobalAvgPool"}


def flatten():
    return {"kind": "Flatten"}


def layer_norm(activation="Identity"):
    return {"kind": "LayerNorm", "activation": activation}


def batch_norm(activation="Identity"):
    return {"kind": "BatchNorm", "activation": activation}


def dense(units, activation="Identity"):
    return {"kind": "Dense", "size": units, "activation": activation}


# name, input shape, layers, loss, optimizer, lr, momentum
NETS = [
    ("Conv1d_Basic", [2, 16], [conv1d(4, 3, activation="Relu"), flatten(), dense(3)], MSE, SGD, 0.1, 0.0),
    ("Conv1d_Options", [3, 20],
     [conv1d(5, 3, stride=2, padding=2, dilation=2, activation="Tanh"), max_pool1d(2),
      conv1d(4, 2, padding=1, activation="Sigmoid"), avg_pool1d(3, 2), flatten(), dense(4, "Softmax")],
     CE, ADAM, 0.01, 0.0),
    ("Conv2d_Basic", [1, 8, 8], [conv2d(4, 3, activation="Relu"), max_pool2d(2), flatten(), dense(2, "Sigmoid")],
     BCE, SGD, 0.05, 0.9),
    ("Conv2d_Options", [3, 9, 9],
     [conv2d(6, 3, stride=2, padding=1, activation="LeakyRelu"), avg_pool2d(2, 1), conv2d(5, 2, activation="Elu"),
      global_avg_pool(), flatten(), dense(3)],
     MSE, ADAM, 0.01, 0.0),
    ("Encoder", [3, 12, 12],
     [conv2d(4, 4, stride=2, activation="LeakyRelu"), conv2d(8, 2, activation="LeakyRelu"), flatten(),
      dense(8, "Relu"), dense(2)],
     MSE, SGD, 0.05, 0.0),
    ("BatchNorm_Mlp", [6], [dense(8), batch_norm("Relu"), dense(8), batch_norm("Tanh"), dense(3, "Softmax")],
     CE, SGD, 0.1, 0.0),
    ("LayerNorm_Mlp", [5], [dense(7), layer_norm("Gelu"), dense(4), layer_norm(), dense(2, "Sigmoid")],
     BCE, ADAM, 0.01, 0.0),
    ("Conv2d_BatchNorm", [2, 7, 7],
     [conv2d(4, 3, padding=1), batch_norm("Relu"), max_pool2d(3, 2), flatten(), dense(5), batch_norm(), dense(2)],
     MSE, ADAM, 0.01, 0.0),
    ("Conv1d_Norms", [4, 10],
     [conv1d(6, 3, padding=1), batch_norm("Silu"), conv1d(3, 3, stride=2), layer_norm("Relu"), global_avg_pool(),
      flatten(), dense(2)],
     MSE, SGD, 0.1, 0.5),
    ("Conv2d_LayerNorm", [2, 6, 6], [conv2d(3, 3), layer_norm(), avg_pool2d(2), flatten(), dense(4, "Softmax")],
     CE, SGD, 0.1, 0.0),
    ("MaxPool_Ties", [1, 8], [conv1d(1, 2), max_pool1d(4), flatten(), dense(1)], MSE, SGD, 0.1, 0.0),
]

TIES = "MaxPool_Ties"
# MaxPool_Ties: conv weight [1, 1], bias 0 (conv output c_t = x_t + x_{t+1}); Dense weight 0.5, bias 0.25. The pool's one
# window is c_0..c_3 (c_4..c_6 fall outside, floor rounding). Each row has tied maxima in that window.
TIES_PARAMETERS = [1.0, 1.0, 0.0, 0.5, 0.25]
TIES_INPUTS = [
    [0, 3, 1, 2, 2, -1, 1, 0],    # c = 3, 4, 3, 4: maxima at 1 (x 3, 1) and 3 (x 2, 2)
    [1, 2, -1, 0, 3, 1, -2, 2],   # c = 3, 1, -1, 3: at 0 (1, 2) and 3 (0, 3)
    [2, -1, 1, 0, 1, 0, 2, -1],   # c = 1, 0, 1, 1: at 0 (2, -1), 2 (1, 0) and 3 (0, 1)
    [1, -2, 0, -1, 0, 2, 1, 1],   # c = -1, -2, -1, -1: at 0 (1, -2), 2 (0, -1) and 3 (-1, 0)
    [2, 0, 1, 1, 0, -2, 0, 1],    # c = 2, 1, 2, 1: at 0 (2, 0) and 2 (1, 1)
    [1, 1, 0, 2, -1, 1, -1, 0],   # c = 2, 1, 2, 1: at 0 (1, 1) and 2 (0, 2)
]

ACTIVATIONS = {
    "Sigmoid": lambda: nn.Sigmoid(),
    "Tanh": lambda: nn.Tanh(),
    "Relu": lambda: nn.ReLU(),
    "LeakyRelu": lambda: nn.LeakyReLU(0.01),
    "Softmax": lambda: nn.Softmax(dim=-1),
    "Silu": lambda: nn.SiLU(),
    "Gelu": lambda: nn.GELU(),
    "GeluTanh": lambda: nn.GELU(approximate="tanh"),
    "Elu": lambda: nn.ELU(),
    "Softplus": lambda: nn.Softplus(),
    "Mish": lambda: nn.Mish(),
    "HardSigmoid": lambda: nn.Hardsigmoid(),
    "HardSwish": lambda: nn.Hardswish(),
}


def f32(values):
    """Rounds to float32 and back: every number the C# side reads as float is then exact."""
    return np.asarray(values, dtype=np.float64).astype(np.float32).astype(np.float64)


def conv_length(n, k, s, p, d):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def describe(input_shape, layers):
    """Resolves every layer's output shape; returns the layers as the JSON writes them (with output_shape)."""
    shape, result = list(input_shape), []
    for layer in layers:
        kind = layer["kind"]
        out = {key: value for key, value in layer.items() if not key.startswith("_")}
        if kind == "Conv1D":
            assert len(shape) == 2
            shape = [layer["out_channels"], conv_length(shape[1], layer["kernel_size"], layer["stride"], layer["padding"], layer["dilation"])]
        elif kind == "Conv2D":
            assert len(shape) == 3
            side = lambda n: conv_length(n, layer["kernel_size"], layer["stride"], layer["padding"], 1)
            shape = [layer["out_channels"], side(shape[1]), side(shape[2])]
        elif kind in ("MaxPool1D", "AvgPool1D"):
            assert len(shape) == 2
            shape = [shape[0], (shape[1] - layer["kernel_size"]) // layer["stride"] + 1]
        elif kind in ("MaxPool2D", "AvgPool2D"):
            assert len(shape) == 3
            side = lambda n: (n - layer["kernel_size"]) // layer["stride"] + 1
            shape = [shape[0], side(shape[1]), side(shape[2])]
        elif kind == "GlobalAvgPool":
            assert len(shape) in (2, 3)
            shape = [shape[0]] + [1] * (len(shape) - 1)
        elif kind == "Flatten":
            shape = [int(np.prod(shape))]
        elif kind == "Dense":
            assert len(shape) == 1, "Dense after a shaped layer needs a Flatten"
            shape = [layer["size"]]
        elif kind in ("LayerNorm", "BatchNorm"):
            pass
        else:
            raise ValueError(kind)
        assert all(n > 0 for n in shape), (kind, shape)
        out["output_shape"] = list(shape)
        result.append(out)
    return result


def build(input_shape, layers):
    """The nn.Sequential (float32, PyTorch's default initialisation from the current RNG state)."""
    modules, shape = [], list(input_shape)
    for layer in describe(input_shape, layers):
        kind = layer["kind"]
        if kind == "Conv1D":
            modules.append(nn.Conv1d(shape[0], layer["out_channels"], layer["kernel_size"], stride=layer["stride"],
                                     padding=layer["padding"], dilation=layer["dilation"]))
        elif kind == "Conv2D":
            modules.append(nn.Conv2d(shape[0], layer["out_channels"], layer["kernel_size"], stride=layer["stride"],
                                     padding=layer["padding"]))
        elif kind == "MaxPool1D":
            modules.append(nn.MaxPool1d(layer["kernel_size"], layer["stride"]))
        elif kind == "MaxPool2D":
            modules.append(nn.MaxPool2d(layer["kernel_size"], layer["stride"]))
        elif kind == "AvgPool1D":
            modules.append(nn.AvgPool1d(layer["kernel_size"], layer["stride"]))
        elif kind == "AvgPool2D":
            modules.append(nn.AvgPool2d(layer["kernel_size"], layer["stride"]))
        elif kind == "GlobalAvgPool":
            modules.append(nn.AdaptiveAvgPool1d(1) if len(shape) == 2 else nn.AdaptiveAvgPool2d(1))
        elif kind == "Flatten":
            modules.append(nn.Flatten())
        elif kind == "Dense":
            modules.append(nn.Linear(shape[0], layer["size"]))
        elif kind == "LayerNorm":
            modules.append(nn.LayerNorm(shape, eps=EPS))
        elif kind == "BatchNorm":
            modules.append((nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d)(shape[0], eps=EPS, momentum=BN_MOMENTUM))
        if layer.get("activation", "Identity") != "Identity":
            modules.append(ACTIVATIONS[layer["activation"]]())
        shape = layer["output_shape"]
    return nn.Sequential(*modules)


def is_batch_norm(module):
    return isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d))


def flat_parameters(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).double().tolist()


def flat_gradient(model):
    return torch.cat([p.grad.reshape(-1) for p in model.parameters()]).double().tolist()


def flat_running(model):
    values = []
    for module in model:
        if is_batch_norm(module):
            values += module.running_mean.double().tolist() + module.running_var.double().tolist()
            values.append(float(module.num_batches_tracked.item()))
    return values


def tables(model):
    """The parameter tensors and the running-statistics tensors: name (state_dict key), offset, shape."""
    parameters, running, p, r = [], [], 0, 0
    names = {id(t): n for n, t in model.named_parameters()}
    for name, tensor in model.state_dict(keep_vars=True).items():
        if id(tensor) in names:
            parameters.append({"name": name, "offset": p, "shape": list(tensor.shape)})
            p += tensor.numel()
    for index, module in enumerate(model):
        if is_batch_norm(module):
            for buffer in ("running_mean", "running_var", "num_batches_tracked"):
                tensor = getattr(module, buffer)
                running.append({"name": f"{index}.{buffer}", "offset": r, "shape": list(tensor.shape)})
                r += tensor.numel()
    return parameters, running


def batch_loss(model, loss, x, t, kinks=None):
    """The batch's mean loss; kinks (a list) receives the Relu/LeakyRelu pre-activations and max-pool window gaps."""
    pre, previous = None, None
    for module in model:
        if kinks is not None and isinstance(module, (nn.ReLU, nn.LeakyReLU)):
            kinks.append(x.detach().abs().reshape(-1))
        if kinks is not None and isinstance(module, (nn.MaxPool1d, nn.MaxPool2d)):
            kinks.append(max_pool_gaps(module, x.detach(), isinstance(previous, nn.ReLU)))
        if isinstance(module, nn.Softmax):
            pre = x
        x = module(x)
        previous = module
    if loss == MSE:
        return ((x - t) ** 2).mean(), x
    if loss == BCE:
        return F.binary_cross_entropy(x, t), x
    assert pre is not None, "CrossEntropy needs a last Dense with Softmax"
    return -(t * F.log_softmax(pre, dim=1)).sum(dim=1).mean(), x


def max_pool_gaps(module, x, after_relu):
    """Per window, the largest value minus the second largest. After a Relu, windows whose largest value is 0 are left
    out: their tied zeros all have a zero derivative, wherever the gradient is routed."""
    k, s = module.kernel_size, module.stride
    if isinstance(module, nn.MaxPool1d):
        windows = x.unfold(2, k, s)  # [n, C, L', k]
    else:
        n, c = x.shape[:2]
        windows = F.unfold(x, k, stride=s).reshape(n, c, k * k, -1).transpose(2, 3)
    top = windows.topk(2, dim=-1).values
    gaps = top[..., 0] - top[..., 1]
    if after_relu:
        gaps = gaps[top[..., 0] > 0]
    return gaps.reshape(-1)


def fresh(input_shape, layers, state, dtype):
    model = build(input_shape, layers).to(dtype)
    model.load_state_dict({k: (v.to(dtype) if v.is_floating_point() else v) for k, v in state.items()})
    return model


def make_optimizer(spec, model):
    name, shape, layers, loss, optimizer, lr, momentum = spec
    if optimizer == SGD:
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    return torch.optim.Adam(model.parameters(), lr=lr)


def compute(spec, state, inputs, targets, dtype, pins=None):
    """Everything the JSON records of one net, computed in dtype from the float32 state; the kinks met on the way; the
    model after the steps; and the gradients of the steps. pins: (indices, per step the values those parameters are set
    to after it), the float64 run's for the float32 run, or None."""
    name, shape, layers, loss, optimizer, lr, momentum = spec
    x = torch.tensor(inputs, dtype=dtype)
    t = torch.tensor(targets, dtype=dtype)
    kinks = []
    result = {}

    model = fresh(shape, layers, state, dtype).eval()
    with torch.no_grad():
        value, y = batch_loss(model, loss, x, t, kinks)
    result["eval_outputs"] = y.double().tolist()
    result["evaluate_loss"] = value.item()

    model = fresh(shape, layers, state, dtype).train()
    value, _ = batch_loss(model, loss, x, t, kinks)
    value.backward()
    result["batch_loss"] = value.item()
    result["gradient"] = flat_gradient(model)

    model = fresh(shape, layers, state, dtype).train()
    try:
        value, _ = batch_loss(model, loss, x[:1], t[:1], kinks)
    except ValueError as error:
        # BatchNorm1d over flat features in training: "Expected more than 1 value per channel when training".
        assert "more than 1 value per channel" in str(error), error
        result["sample_loss"], result["sample_gradient"] = None, None
    else:
        value.backward()
        result["sample_loss"], result["sample_gradient"] = value.item(), flat_gradient(model)

    model = fresh(shape, layers, state, dtype).train()
    opt = make_optimizer(spec, model)
    steps, gradients = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        value, _ = batch_loss(model, loss, x, t, kinks)
        value.backward()
        opt.step()
        gradients.append(flat_gradient(model))
        if pins is not None:
            pin(model, pins[0], pins[1][len(steps)])
        steps.append({"loss_before": value.item(), "parameters": flat_parameters(model), "running_statistics": flat_running(model)})
    result["steps"] = steps
    model.eval()
    with torch.no_grad():
        result["eval_outputs_after"] = batch_loss(model, loss, x, t, kinks)[1].double().tolist()
    return result, kinks, model, gradients


# A parameter whose float64 gradient is not 0 but below this fraction of the gradient's largest magnitude, at any of the
# three steps, has a zero gradient up to rounding (see zero_gradient_parameters).
ZERO_GRADIENT = 1e-10


def zero_gradient_parameters(model, gradients):
    """The flat indices of the parameters whose train-mode gradient is identically zero: the bias of a layer followed
    directly by a BatchNorm, and any whose float64 gradient is zero up to rounding (not exactly 0) in any of gradients.
    BatchNorm in training takes out whatever adds the same value to every sample of a feature or channel: the bias of
    the convolution or Dense layer just before it, and, in Conv2d_BatchNorm, also the first BatchNorm's bias (it reaches
    the Dense before the second BatchNorm through Relu and max pooling as a shift common to the batch). Their computed
    gradient is rounding noise (about 1e-17 in float64, 1e-8 in float32), which Adam, dividing by its own root mean
    square, turns into steps of up to lr: the float32 and float64 runs move them differently, and the difference then
    reaches the running means and the eval outputs. The tests set them to PyTorch's values after every step."""
    indices, offset, modules = set(), 0, list(model)
    for i, module in enumerate(modules):
        for name, tensor in module.named_parameters():
            if name == "bias" and i + 1 < len(modules) and is_batch_norm(modules[i + 1]):
                indices |= set(range(offset, offset + tensor.numel()))
            offset += tensor.numel()
    for gradient in gradients:
        g = np.abs(np.asarray(gradient))
        # Exact zeros (a Relu unit dead for the whole batch) are zero in float32 too: no noise for Adam to blow up.
        indices |= set(np.flatnonzero((g > 0) & (g <= ZERO_GRADIENT * g.max())).tolist())
    return sorted(indices)


def pin(model, indices, values):
    """Sets the parameters at indices to values (the optimizer state stays as it is)."""
    with torch.no_grad():
        flat = torch.nn.utils.parameters_to_vector(model.parameters())
        flat[indices] = torch.tensor(values, dtype=flat.dtype)
        torch.nn.utils.vector_to_parameters(flat, model.parameters())


def vectors(value, path=""):
    """Every list of numbers (flattened) of a result, with its path; scalars as one-element vectors."""
    if isinstance(value, dict):
        for key in sorted(value):
            yield from vectors(value[key], f"{path}.{key}")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, item in enumerate(value):
            yield from vectors(item, f"{path}[{i}]")
    elif isinstance(value, list):
        yield path, np.asarray(value, dtype=np.float64).reshape(-1)
    elif isinstance(value, float):
        yield path, np.asarray([value])


def worst_disagreement(exact, approximate):
    """The largest |f32 - f64| / (CHECK_RELATIVE * max(|f64|, CHECK_FLOOR * max|vector|)) and where."""
    worst, where = 0.0, None
    for (path, e), (path2, a) in zip(vectors(exact), vectors(approximate)):
        assert path == path2 and e.shape == a.shape, (path, path2)
        if e.size == 0:
            continue
        floor = CHECK_FLOOR * max(np.abs(e).max(), 1e-3)
        ratio = (np.abs(a - e) / (CHECK_RELATIVE * np.maximum(np.abs(e), floor))).max()
        if ratio > worst:
            worst, where = ratio, path
    return worst, where


def draw(spec, seed):
    """The float32 initial state_dict, inputs and targets of one seed."""
    name, shape, layers, loss, optimizer, lr, momentum = spec
    outputs = describe(shape, layers)[-1]["output_shape"][0]
    torch.manual_seed(seed)
    model = build(shape, layers)
    with torch.no_grad():
        for module in model:
            if isinstance(module, (nn.LayerNorm, nn.BatchNorm1d, nn.BatchNorm2d)):
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.3, 0.3)
            if is_batch_norm(module):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
    if name == TIES:
        with torch.no_grad():
            torch.nn.utils.vector_to_parameters(torch.tensor(TIES_PARAMETERS), model.parameters())
        inputs = f32(TIES_INPUTS).reshape([BATCH] + shape)
    else:
        inputs = f32(torch.empty([BATCH] + shape).uniform_(-INPUT_RANGE, INPUT_RANGE).numpy())
    if loss == MSE:
        targets = f32(torch.empty(BATCH, outputs).uniform_(-1, 1).numpy())
    elif loss == BCE:
        targets = f32(torch.empty(BATCH, outputs).uniform_(0, 1).numpy())
    else:
        targets = f32(torch.softmax(torch.empty(BATCH, outputs, dtype=torch.float64).normal_(0, 1.5), dim=-1).numpy())
        assert (targets >= 0).all()
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    return state, inputs.tolist(), targets.tolist()


def check_ties(spec, state, inputs, targets, result):
    """MaxPool_Ties: every window has tied maxima with different neighbourhoods; PyTorch's gradient is the first
    maximum's; routing to the last maximum gives another convolution gradient."""
    name, shape, layers, loss, optimizer, lr, momentum = spec
    x = torch.tensor(inputs, dtype=torch.float64)
    t = torch.tensor(targets, dtype=torch.float64)
    k = layers[1]["kernel_size"]

    def gradient(route):
        model = fresh(shape, layers, state, torch.float64)
        c = model[0](x)                      # [n, 1, 7]
        windows = c[:, 0, :k]                # the one window
        values = windows.detach()
        index = []
        for row in values:
            top = row.max()
            where = [i for i in range(k) if row[i] == top]
            assert len(where) >= 2, row
            index.append(where[0] if route == "first" else where[-1])
        pooled = windows.gather(1, torch.tensor(index)[:, None])
        y = model[3](pooled)
        value = ((y - t) ** 2).mean()
        value.backward()
        return value.item(), flat_gradient(model), index

    for row in TIES_INPUTS:
        c = [row[i] + row[i + 1] for i in range(k)]
        where = [i for i in range(k) if c[i] == max(c)]
        assert len(where) >= 2 and (row[where[0]], row[where[0] + 1]) != (row[where[-1]], row[where[-1] + 1]), row
    first_loss, first, first_index = gradient("first")
    last_loss, last, last_index = gradient("last")
    assert first_loss == result["batch_loss"] and last_loss == result["batch_loss"]
    assert np.allclose(first, result["gradient"], rtol=0, atol=1e-15), (first, result["gradient"])
    assert not np.allclose(last[:2], result["gradient"][:2], rtol=0, atol=1e-3), (last, result["gradient"])
    print(f"{TIES}: PyTorch's gradient routes to the first maxima {first_index}; the last maxima {last_index} would give "
          f"the conv weight gradient {last[:2]} instead of {first[:2]}")


def csharp_attributes(spec):
    """The C# attribute text of a net (ShapedNetworks.cs writes exactly these)."""
    name, shape, layers, loss, optimizer, lr, momentum = spec
    network = f"Loss.{loss}"
    if optimizer == ADAM:
        network += ", Optimizer = Optimizer.Adam"
    network += f", LearningRate = {lr:g}f"
    if momentum:
        network += f", Momentum = {momentum:g}f"
    parts = [f"[Network({network})]", f"[Input({', '.join(str(n) for n in shape)})]"]
    for layer in layers:
        kind = layer["kind"]
        activation = layer.get("activation", "Identity")
        if kind in ("Conv1D", "Conv2D"):
            args = [str(layer["out_channels"]), str(layer["kernel_size"])]
            for key in ("stride", "padding", "dilation"):
                if key in layer and layer[key] != (0 if key == "padding" else 1):
                    args.append(f"{key}: {layer[key]}")
            if activation != "Identity":
                args.append(f"activation: Activation.{activation}")
            parts.append(f"[{kind}({', '.join(args)})]")
        elif kind.startswith(("MaxPool", "AvgPool")):
            args = [str(layer["kernel_size"])] + ([str(layer["_stride_written"])] if layer["_stride_written"] else [])
            parts.append(f"[{kind}({', '.join(args)})]")
        elif kind in ("GlobalAvgPool", "Flatten"):
            parts.append(f"[{kind}]")
        elif kind in ("LayerNorm", "BatchNorm"):
            parts.append(f"[{kind}]" if activation == "Identity" else f"[{kind}(Activation.{activation})]")
        elif kind == "Dense":
            parts.append(f"[Dense({layer['size']})]" if activation == "Identity" else f"[Dense({layer['size']}, Activation.{activation})]")
    return " ".join(parts)


def net(spec, base_seed):
    name, shape, layers, loss, optimizer, lr, momentum = spec
    rejected = {"kink": 0, "float32": 0}
    for seed in range(base_seed, base_seed + 1000):
        state, inputs, targets = draw(spec, seed)
        exact, kinks, trained, gradients = compute(spec, state, inputs, targets, torch.float64)
        margin = min([float(k.min()) for k in kinks if k.numel()], default=None)
        if name != TIES and margin is not None and margin < KINK_MARGIN:
            rejected["kink"] += 1
            continue
        zero = zero_gradient_parameters(trained, gradients)
        pins = (zero, [[step["parameters"][i] for i in zero] for step in exact["steps"]])
        single = compute(spec, state, inputs, targets, torch.float32, pins)[0]
        worst, where = worst_disagreement(exact, single)
        if worst > 1:
            rejected["float32"] += 1
            print(f"  {name} seed {seed}: float32 used {worst:.2f} of the allowance at {where}")
            continue
        if name == TIES:
            check_ties(spec, state, inputs, targets, exact)
        model = fresh(shape, layers, state, torch.float64)
        parameters = flat_parameters(model)
        assert parameters == f32(parameters).tolist()
        table, running_table = tables(model)
        print(f"{name}: seed {seed}, {len(parameters)} parameters, {len(flat_running(model))} running statistics, "
              f"loss {exact['batch_loss']:.6f}, float32 error {worst:.3f} of the allowance (at {where})"
              + ("" if margin is None else f", nearest kink {margin:.2e}")
              + f"; seeds rejected: {rejected['kink']} for a kink, {rejected['float32']} for float32")
        described = describe(shape, layers)
        entry = {
            "name": name,
            "seed": seed,
            "attributes": csharp_attributes(spec),
            "input_shape": shape,
            "input_size": int(np.prod(shape)),
            "output_size": described[-1]["output_shape"][0],
            "layers": described,
            "loss": loss,
            "optimizer": optimizer,
            "lr": lr,
            "momentum": momentum,
            "batch": BATCH,
            "parameters": parameters,
            "zero_gradient_parameters": zero,
            "running_statistics": flat_running(model),
            "tensors": table,
            "running_tensors": running_table,
            "inputs": [np.asarray(row).reshape(-1).tolist() for row in inputs],
            "targets": targets,
        }
        entry.update(exact)
        write_safetensors(os.path.join(HERE, name + ".safetensors"), state)
        if running_table:
            write_safetensors(os.path.join(HERE, name + ".trained.safetensors"), trained.state_dict())
        return entry
    raise RuntimeError(f"{name}: no seed in 1000 with the kink margin where float32 agrees with float64")


def write_safetensors(path, state):
    """A state_dict as safetensors, written by hand: floating tensors as F32, num_batches_tracked as I64 (shape []),
    in state_dict order (header padded with spaces to 8 bytes, no __metadata__)."""
    header, blobs, offset = {}, [], 0
    for key, tensor in state.items():
        if tensor.is_floating_point():
            dtype, data = "F32", tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        else:
            assert tensor.dtype == torch.int64, (key, tensor.dtype)
            dtype, data = "I64", tensor.detach().contiguous().numpy().astype("<i8").tobytes()
        header[key] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)))
        file.write(text)
        for blob in blobs:
            file.write(blob)


def main():
    torch.set_num_threads(1)
    document = {
        "about": (
            f"PyTorch {torch.__version__}, float64 (make_shaped_reference.py; README.md). Samples: [C, L] (NCL), "
            "[C, H, W] (NCHW) without the batch, or [F]; row-major, one flat row of input_size values each. Layers: "
            "Conv1D/Conv2D = nn.Conv1d/nn.Conv2d (zero padding, square 2-D kernel), MaxPool/AvgPool 1D/2D = "
            "nn.MaxPool/nn.AvgPool (no padding, floor; max pooling routes the gradient to the first maximum), "
            "GlobalAvgPool = nn.AdaptiveAvgPool1d/2d(1), Flatten = nn.Flatten, LayerNorm = nn.LayerNorm(whole previous "
            "shape, eps 1e-5), BatchNorm = nn.BatchNorm1d (flat or [C, L]) / nn.BatchNorm2d ([C, H, W]) (eps 1e-5, "
            "momentum 0.1), Dense = nn.Linear; each then its activation module unless Identity (nn.Sequential indices). "
            "loss names the loss function: MeanSquaredError = the mean over the batch's outputs, BinaryCrossEntropy = "
            "nn.BCELoss (mean, logs clamped at -100), CrossEntropy = per sample -sum t*log_softmax(z) (z the last Dense's "
            "pre-softmax), mean over the batch. parameters: nn.Module.parameters() order (each layer's weight then bias), "
            "row-major. running_statistics: per BatchNorm in order running_mean [C], running_var [C], "
            "num_batches_tracked (1 value). eval_outputs/evaluate_loss: eval mode (running statistics). "
            "batch_loss/gradient: train mode (batch statistics, biased variance), the batch's mean loss; "
            "sample_loss/sample_gradient: sample 0 alone in train mode (null where PyTorch refuses: BatchNorm over flat "
            "features with one sample). steps: three optimizer steps in train mode on the batch (loss before, parameters "
            "and running statistics after; running statistics updated with momentum 0.1 and the unbiased batch "
            "variance). eval_outputs_after: eval mode after the steps. zero_gradient_parameters: the parameters whose "
            "train-mode gradient is zero up to rounding (README.md); compare the steps without them and set them to "
            "PyTorch's values after each step."
        ),
        "torch": torch.__version__,
        "nets": [],
    }
    for i, spec in enumerate(NETS):
        document["nets"].append(net(spec, 1000 * (i + 1)))
    text = json.dumps(document, indent=1)
    # Lists of numbers on one line each: the file stays readable and much smaller.
    text = re.sub(r"\[\s*([-0-9.e+,\s]+?)\s*\]", lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text)
    with open(OUT, "w", encoding="utf-8") as file:
        file.write(text + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
