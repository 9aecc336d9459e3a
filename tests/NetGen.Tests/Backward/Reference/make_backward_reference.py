"""PyTorch autograd reference for Backward (issue #19): float64 vector–Jacobian products of small networks.

For each network: parameters (NetGen's Parameters order: per layer weight [out, in] row-major, then bias), inputs, output
gradients g, and torch.autograd.grad(outputs, [params..., input], grad_outputs=g) per sample. Every float is a float32
value (weights, inputs and g are rounded to float32 first) so the float32 network reads exactly these numbers.

Run: python3 make_backward_reference.py  (writes backward-reference.json beside this script; torch 1.13).
"""
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(1919)

ACTIVATIONS = {
    "Identity": None,
    "Tanh": nn.Tanh(),
    "Sigmoid": nn.Sigmoid(),
    "Relu": nn.ReLU(),
    "Silu": nn.SiLU(),
    "Elu": nn.ELU(),
    "Gelu": nn.GELU(),
    "Softmax": nn.Softmax(dim=-1),
}

# (name, input size, [(units, activation)]) — the [Network] classes in BackwardNetworks.cs.
NETWORKS = [
    ("BwdSoftmax", 4, [(6, "Tanh"), (3, "Softmax")]),
    ("BwdMixed", 5, [(7, "Silu"), (4, "Elu"), (2, "Sigmoid")]),
    ("BwdLooped", 12, [(10, "Gelu"), (3, "Softmax")]),
]

# A layered network: [Input(2, 8)] [Conv1D(3, 3, activation: Tanh)] [MaxPool1D(2)] [Flatten] [Dense(2, Softmax)] (BwdCnn).
CNN = ("BwdCnn", (2, 8))


def build_cnn():
    conv = nn.Conv1d(2, 3, 3).double()
    dense = nn.Linear(9, 2).double()
    with torch.no_grad():
        for module in (conv, dense):
            module.weight.copy_(f32(torch.empty_like(module.weight).uniform_(-0.8, 0.8)))
            module.bias.copy_(f32(torch.empty_like(module.bias).uniform_(-0.3, 0.3)))
    return nn.Sequential(conv, nn.Tanh(), nn.MaxPool1d(2), nn.Flatten(0), dense, nn.Softmax(dim=-1))

SAMPLES = 3


def f32(t):
    return t.float().double()


def build(input_size, layers):
    modules = []
    fan_in = input_size
    for units, activation in layers:
        linear = nn.Linear(fan_in, units).double()
        with torch.no_grad():
            linear.weight.copy_(f32(torch.empty(units, fan_in).uniform_(-0.8, 0.8)))
            linear.bias.copy_(f32(torch.empty(units).uniform_(-0.3, 0.3)))
        modules.append(linear)
        if ACTIVATIONS[activation] is not None:
            modules.append(ACTIVATIONS[activation])
        fan_in = units
    return nn.Sequential(*modules)


def flat(tensors):
    return [float(v) for t in tensors for v in t.detach().reshape(-1).tolist()]


def main():
    nets = []
    for name, input_size, layers in NETWORKS:
        model = build(input_size, layers)
        params = list(model.parameters())  # weight, bias per Linear: NetGen's order
        output_size = layers[-1][0]
        inputs = f32(torch.empty(SAMPLES, input_size).uniform_(-1.5, 1.5))
        grads = f32(torch.randn(SAMPLES, output_size))
        samples = []
        for s in range(SAMPLES):
            x = inputs[s].clone().requires_grad_(True)
            y = model(x)
            result = torch.autograd.grad(y, params + [x], grad_outputs=grads[s])
            samples.append({
                "input": inputs[s].tolist(),
                "outputGradient": grads[s].tolist(),
                "output": y.detach().tolist(),
                "parameterGradient": flat(result[:-1]),
                "inputGradient": result[-1].tolist(),
            })
        nets.append({
            "name": name,
            "input": input_size,
            "layers": [{"units": u, "activation": a} for u, a in layers],
            "parameters": flat(params),
            "samples": samples,
        })
    name, shape = CNN
    model = build_cnn()
    params = list(model.parameters())
    inputs = f32(torch.empty(SAMPLES, *shape).uniform_(-1.5, 1.5))
    grads = f32(torch.randn(SAMPLES, 2))
    samples = []
    for s in range(SAMPLES):
        x = inputs[s].clone().requires_grad_(True)
        y = model(x)
        result = torch.autograd.grad(y, params + [x], grad_outputs=grads[s])
        samples.append({
            "input": inputs[s].reshape(-1).tolist(),
            "outputGradient": grads[s].tolist(),
            "output": y.detach().tolist(),
            "parameterGradient": flat(result[:-1]),
            "inputGradient": result[-1].reshape(-1).tolist(),
        })
    nets.append({"name": name, "input": shape[0] * shape[1], "layers": [], "parameters": flat(params), "samples": samples})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "backward-reference.json")
    with open(path, "w") as f:
        json.dump({"generator": "make_backward_reference.py", "torch": torch.__version__, "nets": nets}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
