#!/usr/bin/env python3
"""PyTorch autograd reference for Backward and InputGradient on sequence networks (issue #19), float64.

For every net of ../../Sequence/Reference/sequence-reference.json (same layouts, parameters, inputs and targets; the
models are built by make_sequence_reference.py beside that file), and each of its sequences:

- outputGradient g [T, Out]: standard normal, seeded, rounded to float32 values;
- torch.autograd.grad(outputs, params + [x], grad_outputs=g): the parameter gradient (NetGen's Parameters order =
  state_dict order) and the input gradient [T, In] of J = sum(g * outputs), outputs after the output activation at every
  step (whatever the net's SequenceLoss);
- the sequence's loss (as Gradient returns it: EveryStep the mean over steps, LastStep the last step's) and its gradient
  with respect to the inputs [T, In].

Run: /usr/bin/python3 make_sequence_backward_reference.py  (torch 1.13; writes sequence-backward-reference.json here).
Deterministic: rerunning it with the same PyTorch rewrites the same file.
"""
import json
import os
import re
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SEQUENCE = os.path.join(HERE, "..", "..", "Sequence", "Reference")
sys.path.insert(0, SEQUENCE)
import make_sequence_reference as sequence  # noqa: E402

OUT = os.path.join(HERE, "sequence-backward-reference.json")


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    with open(os.path.join(SEQUENCE, "sequence-reference.json"), encoding="utf-8") as file:
        nets = json.load(file)["nets"]
    document = {
        "about": (
            f"PyTorch {torch.__version__}, float64 (make_sequence_backward_reference.py). For each net of "
            "Sequence/Reference/sequence-reference.json and each of its sequences: output_gradients [T][Out] (float32 "
            "values), parameter_gradients and input_gradients of J = sum(output_gradient * outputs) by "
            "torch.autograd.grad with grad_outputs; losses and loss_input_gradients: the sequence's loss as "
            "Gradient returns it and its gradient with respect to the inputs [T][In]."
        ),
        "torch": torch.__version__,
        "nets": [],
    }
    for i, net in enumerate(nets):
        name, input_size, layers = net["name"], net["input_size"], net["layers"]
        loss, mode, steps = net["loss"], net["sequence_loss"], net["sequence_length"]
        model = sequence.build(input_size, layers, net["parameters"], torch.float64)
        params = list(model.state_dict(keep_vars=True).values())
        torch.manual_seed(1900 + i)
        count = len(net["inputs"])
        output_size = layers[-1]["size"]
        gradients = torch.tensor(sequence.f32(torch.randn(count, steps, output_size).numpy()))
        entry = {"name": name, "output_gradients": gradients.tolist(), "parameter_gradients": [], "input_gradients": [],
                 "losses": [], "loss_input_gradients": []}
        for s in range(count):
            x = torch.tensor([net["inputs"][s]], requires_grad=True)
            outputs, pre, _, _ = model(x)
            result = torch.autograd.grad(outputs, params + [x], grad_outputs=gradients[s:s + 1])
            entry["parameter_gradients"].append(torch.cat([r.reshape(-1) for r in result[:-1]]).tolist())
            entry["input_gradients"].append(result[-1][0].tolist())
            x = torch.tensor([net["inputs"][s]], requires_grad=True)
            outputs, pre, _, _ = model(x)
            value = sequence.sequence_loss(loss, mode, outputs, pre, torch.tensor([net["targets"][s]]))[0]
            entry["losses"].append(value.item())
            entry["loss_input_gradients"].append(torch.autograd.grad(value, [x])[0][0].tolist())
        document["nets"].append(entry)
        print(f"{name}: {count} sequences of {steps} steps")
    text = json.dumps(document, indent=1)
    text = re.sub(r"\[\s*([-0-9.e+,\s]+?)\s*\]", lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text)
    with open(OUT, "w", encoding="utf-8") as file:
        file.write(text + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
