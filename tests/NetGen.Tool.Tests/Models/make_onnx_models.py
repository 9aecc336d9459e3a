#!/usr/bin/env python3
"""Generates the ONNX test fixtures for the NetGen ONNX importer.

Run from this folder:  python3 make_onnx_models.py
Needs only torch (tested with torch 1.13, no onnx / onnxruntime packages).
For every model it writes <name>.onnx and <name>.json (inputs + PyTorch's
reference outputs) here; with ONNX_GRAPH_DIR=<folder> also a pretty-printed
graph dump <folder>/<name>.txt.
"""
import json
import zlib
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
GRAPH_DIR = os.environ.get("ONNX_GRAPH_DIR", "")
BATCH = 3
SEQ_T = 5


# ---------------------------------------------------------------- helpers
class Swish(nn.Module):
    """As Unity ML-Agents' Swish: torch.mul(x, torch.sigmoid(x))."""

    def forward(self, x):
        return torch.mul(x, torch.sigmoid(x))


def mlp(n_in, n_hidden, n_out, act):
    return nn.Sequential(nn.Linear(n_in, n_hidden), act, nn.Linear(n_hidden, n_out))


def randomize_bn(bn):
    with torch.no_grad():
        c = bn.num_features
        bn.running_mean.copy_(torch.randn(c) * 0.5)
        bn.running_var.copy_(torch.rand(c) * 1.5 + 0.5)
        bn.weight.copy_(torch.randn(c) * 0.5 + 1.0)
        bn.bias.copy_(torch.randn(c) * 0.3)
    return bn


def randomize_ln(ln):
    with torch.no_grad():
        ln.weight.copy_(torch.randn(ln.weight.shape) * 0.5 + 1.0)
        ln.bias.copy_(torch.randn(ln.bias.shape) * 0.3)
    return ln


class Normalizer(nn.Module):
    """ML-Agents-like observation normaliser with constant buffers."""

    def __init__(self, n, clamp):
        super().__init__()
        self.register_buffer("running_mean", torch.randn(n) * 0.5)
        self.register_buffer("running_variance", torch.rand(n) * 2.0 + 0.25)
        self.clamp = clamp

    def forward(self, x):
        y = (x - self.running_mean) / torch.sqrt(self.running_variance)
        if self.clamp:
            y = torch.clamp(y, -5, 5)
        return y


class MlAgentsPolicy(nn.Module):
    def __init__(self, n_obs=8, hidden=12, n_act=2, clamp=False):
        super().__init__()
        self.normalizer = Normalizer(n_obs, clamp)
        self.l1 = nn.Linear(n_obs, hidden)
        self.l2 = nn.Linear(hidden, hidden)
        self.mu = nn.Linear(hidden, n_act)
        self.swish = Swish()

    def forward(self, x):
        x = self.normalizer(x)
        x = self.swish(self.l1(x))
        x = self.swish(self.l2(x))
        return self.mu(x)


class MatMulAdd(nn.Module):
    def __init__(self, n_in=6, hidden=10, n_out=4):
        super().__init__()
        self.W = nn.Parameter(torch.randn(n_in, hidden) * 0.4)
        self.b = nn.Parameter(torch.randn(hidden) * 0.2)
        self.W2 = nn.Parameter(torch.randn(n_out, hidden) * 0.4)

    def forward(self, x):
        x = torch.relu(x @ self.W + self.b)
        return F.linear(x, self.W2)


class Cnn2d(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = randomize_bn(nn.BatchNorm2d(4))
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 6, 3)
        self.pool2 = nn.AvgPool2d(2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(6 * 2 * 2, 10)
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, x):                       # [N,1,12,12]
        x = self.pool1(torch.relu(self.bn(self.conv1(x))))  # [N,4,6,6]
        x = self.pool2(torch.relu(self.conv2(x)))           # [N,6,4,4]->[N,6,2,2]
        return self.softmax(self.fc(self.flatten(x)))


class Cnn2dView(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, stride=2, padding=1, bias=False)  # 12->6
        self.pool1 = nn.MaxPool2d(2)                                       # 6->3
        self.conv2 = nn.Conv2d(4, 6, 3, padding=1)                         # 3->3
        self.pool2 = nn.AvgPool2d(2, ceil_mode=False)                      # 3->1
        self.fc = nn.Linear(6, 5)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = x.view(x.size(0), -1)
        return self.fc(x)


class Cnn1d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(2, 4, 3, stride=2, padding=1, dilation=1)  # 20->10
        self.p1 = nn.MaxPool1d(2)                                       # 10->5
        self.c2 = nn.Conv1d(4, 4, 3, dilation=2)                        # 5->1
        self.gap = nn.AdaptiveAvgPool1d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        x = self.p1(torch.relu(self.c1(x)))
        x = self.gap(torch.tanh(self.c2(x)))
        return self.fc(self.flatten(x))


class CnnGlobal(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        x = self.gap(torch.relu(self.conv(x)))
        return self.fc(torch.flatten(x, 1))


class LayerNormNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(6, 10)
        self.ln = randomize_ln(nn.LayerNorm(10))
        self.act = nn.GELU()
        self.l2 = nn.Linear(10, 3)

    def forward(self, x):
        return self.l2(self.act(self.ln(self.l1(x))))


class BatchNorm1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(7, 12)
        self.bn = randomize_bn(nn.BatchNorm1d(12))
        self.l2 = nn.Linear(12, 4)

    def forward(self, x):
        return self.l2(torch.relu(self.bn(self.l1(x))))


class SeqNet(nn.Module):
    """RNN -> Linear at every step (or at the last step only)."""

    def __init__(self, cell, n_in=4, hidden=8, n_out=3, last=False, dense_first=None, **kw):
        super().__init__()
        self.pre = None
        if dense_first is not None:
            self.pre = nn.Linear(n_in, dense_first)
            n_in = dense_first
        self.rnn = cell(n_in, hidden, batch_first=True, **kw)
        d = 2 if kw.get("bidirectional") else 1
        self.fc = nn.Linear(hidden * d, n_out)
        self.last = last

    def forward(self, x):
        if self.pre is not None:
            x = torch.tanh(self.pre(x))
        out, _ = self.rnn(x)
        if self.last:
            out = out[:, -1, :]
        return self.fc(out)


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(6, 6)
        self.l2 = nn.Linear(6, 3)

    def forward(self, x):
        x = x + torch.relu(self.l1(x))
        return self.l2(x)


class Concat(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 5)
        self.b = nn.Linear(6, 4)
        self.out = nn.Linear(9, 3)

    def forward(self, x):
        h = torch.cat([torch.relu(self.a(x)), torch.tanh(self.b(x))], dim=1)
        return self.out(h)


class TinyAttention(nn.Module):
    def __init__(self, d=6):
        super().__init__()
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.o = nn.Linear(d, 3)
        self.scale = d ** -0.5

    def forward(self, x):                     # [N,T,d]
        q, k, v = self.q(x), self.k(x), self.v(x)
        att = torch.softmax(torch.matmul(q, k.transpose(1, 2)) * self.scale, dim=-1)
        return self.o(torch.matmul(att, v))


class GroupConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3, groups=2)
        self.fc = nn.Linear(4 * 6 * 6, 3)

    def forward(self, x):
        return self.fc(torch.flatten(torch.relu(self.conv(x)), 1))


class RectKernel(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, (3, 2))
        self.fc = nn.Linear(3 * 6 * 7, 3)

    def forward(self, x):
        return self.fc(torch.flatten(torch.relu(self.conv(x)), 1))


class MultiOutput(nn.Module):
    """ML-Agents-like export: constant metadata outputs + action head."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(6, 10), Swish(), nn.Linear(10, 10), Swish())
        self.mu = nn.Linear(10, 2)
        # ML-Agents stores these as non-trainable Parameters and returns them directly
        self.version_number = nn.Parameter(torch.Tensor([3]), requires_grad=False)
        self.memory_size = nn.Parameter(torch.Tensor([0]), requires_grad=False)
        self.continuous_act_size_vector = nn.Parameter(torch.Tensor([2]), requires_grad=False)

    def forward(self, x):
        a = self.mu(self.body(x))
        return self.version_number, self.memory_size, a, self.continuous_act_size_vector


class MlAgentsPolicy(nn.Module):
    """
    A Unity ML-Agents-like policy (its exporter's output names): observation normalisation with a clamp at ±5, a Swish
    body, a continuous head (sampled `continuous_actions` with RandomNormalLike, and `deterministic_continuous_actions`
    = clamp(mu, -3, 3) / 3), a discrete branch masked by a second input `action_masks` (argmax), and constant outputs.
    Only `deterministic_continuous_actions` is a network NetGen expresses; the importer picks it by itself.
    """

    def __init__(self):
        super().__init__()
        self.register_buffer("running_mean", torch.randn(8) * 0.5)
        self.register_buffer("running_variance", torch.rand(8) * 2 + 0.25)
        self.body = nn.Sequential(nn.Linear(8, 16), Swish(), nn.Linear(16, 16), Swish())
        self.mu = nn.Linear(16, 2)
        self.log_sigma = nn.Parameter(torch.zeros(1, 2))
        self.discrete = nn.Linear(16, 3)
        self.version_number = nn.Parameter(torch.Tensor([3]), requires_grad=False)
        self.memory_size = nn.Parameter(torch.Tensor([0]), requires_grad=False)
        self.continuous_act_size_vector = nn.Parameter(torch.Tensor([2]), requires_grad=False)
        self.discrete_act_size_vector = nn.Parameter(torch.Tensor([3]), requires_grad=False)

    def forward(self, obs, action_masks):
        normalized = torch.clamp((obs - self.running_mean) / torch.sqrt(self.running_variance), -5, 5)
        h = self.body(normalized)
        mu = self.mu(h)
        sampled = mu + torch.exp(self.log_sigma) * torch.randn_like(mu)
        continuous = torch.clamp(sampled, -3, 3) / 3
        deterministic = torch.clamp(mu, -3, 3) / 3
        logits = self.discrete(h) * action_masks - (1 - action_masks) * 1e8
        discrete = torch.argmax(logits, dim=1, keepdim=True)
        return (self.version_number, self.memory_size, continuous, self.continuous_act_size_vector,
                deterministic, discrete, self.discrete_act_size_vector)


# ---------------------------------------------------------------- model list
def act_model(act, seed):
    def make():
        return mlp(6, 10, 4, act)
    return make


MODELS = []


def add(name, opset, kind, desc, make, in_shape, reason=None, output_names=None,
        seq=False, main_output=None, extra_export_args=None, mask_shape=None, fixed_time=False):
    MODELS.append(dict(name=name, opset=opset, kind=kind, description=desc, make=make,
                       in_shape=in_shape, reason=reason, output_names=output_names,
                       seq=seq, main_output=main_output, extra=extra_export_args or {}, mask_shape=mask_shape,
                       fixed_time=fixed_time))


add("mlp_relu", 17, "feedforward", "Linear(8,12) -> ReLU -> Linear(12,4)",
    lambda: mlp(8, 12, 4, nn.ReLU()), [BATCH, 8])
add("mlp_tanh_sigmoid", 13, "feedforward", "Linear(6,10) -> Tanh -> Linear(10,3) -> Sigmoid",
    lambda: nn.Sequential(nn.Linear(6, 10), nn.Tanh(), nn.Linear(10, 3), nn.Sigmoid()), [BATCH, 6])
add("mlp_softmax", 14, "feedforward", "Linear(7,12) -> LeakyReLU(0.01) -> Linear(12,5) -> Softmax(dim=-1)",
    lambda: nn.Sequential(nn.Linear(7, 12), nn.LeakyReLU(), nn.Linear(12, 5), nn.Softmax(dim=-1)), [BATCH, 7])

ACTS = [
    ("act_silu", 13, nn.SiLU, "nn.SiLU"),
    ("act_gelu", 14, nn.GELU, "nn.GELU() (erf form)"),
    ("act_gelu_tanh", 15, lambda: nn.GELU(approximate="tanh"), "nn.GELU(approximate='tanh')"),
    ("act_elu", 16, nn.ELU, "nn.ELU(alpha=1)"),
    ("act_softplus", 17, nn.Softplus, "nn.Softplus(beta=1, threshold=20)"),
    ("act_mish", 13, nn.Mish, "nn.Mish"),
    ("act_hardsigmoid", 14, nn.Hardsigmoid, "nn.Hardsigmoid (relu6(x+3)/6)"),
    ("act_hardswish", 15, nn.Hardswish, "nn.Hardswish"),
    ("act_swish_manual", 16, Swish, "Swish module torch.mul(x, torch.sigmoid(x)) as in Unity ML-Agents"),
]
for _n, _o, _a, _d in ACTS:
    add(_n, _o, "feedforward", "Linear(6,10) -> %s -> Linear(10,4)" % _d,
        (lambda a=_a: mlp(6, 10, 4, a())), [BATCH, 6])

add("matmul_add", 17, "feedforward",
    "relu(x @ W + b) with explicit W[6,10], b[10]; then F.linear(x, W2[4,10]) without bias",
    MatMulAdd, [BATCH, 6])
add("mlagents_style", 15, "feedforward",
    "ML-Agents-like policy: (x - mean)/sqrt(var) with constant buffers, Linear(8,12) -> Swish -> "
    "Linear(12,12) -> Swish -> Linear(12,2) (continuous action means)",
    lambda: MlAgentsPolicy(clamp=False), [BATCH, 8])
add("mlagents_style_clamp", 15, "feedforward",
    "As mlagents_style but with torch.clamp(normalised, -5, 5) as in ML-Agents' Normalizer",
    lambda: MlAgentsPolicy(clamp=True), [BATCH, 8])
add("cnn2d", 17, "layered",
    "[N,1,12,12]: Conv2d(1,4,3,pad=1) -> BatchNorm2d(4) -> ReLU -> MaxPool2d(2) -> Conv2d(4,6,3) -> "
    "ReLU -> AvgPool2d(2) -> Flatten -> Linear(24,10) -> Softmax. NOTE: in eval export torch folds "
    "the BatchNorm into the first Conv's weights, so no BatchNormalization node appears", Cnn2d, [BATCH, 1, 12, 12])
add("cnn2d_bn_unfused", 17, "layered",
    "Same net as cnn2d, exported with training=TrainingMode.PRESERVE (model still in eval mode) so "
    "the Conv -> BatchNormalization(training_mode=0) pair is kept instead of being folded",
    Cnn2d, [BATCH, 1, 12, 12], extra_export_args={"training": torch.onnx.TrainingMode.PRESERVE})
add("cnn2d_view", 13, "layered",
    "[N,1,12,12]: Conv2d(1,4,3,stride=2,pad=1,bias=False) -> ReLU -> MaxPool2d(2) -> Conv2d(4,6,3,pad=1) -> "
    "ReLU -> AvgPool2d(2) -> x.view(x.size(0), -1) -> Linear(6,5)", Cnn2dView, [BATCH, 1, 12, 12])
add("cnn1d", 16, "layered",
    "[N,2,20]: Conv1d(2,4,3,stride=2,pad=1) -> ReLU -> MaxPool1d(2) -> Conv1d(4,4,3,dilation=2) -> Tanh -> "
    "AdaptiveAvgPool1d(1) -> Flatten -> Linear(4,3)", Cnn1d, [BATCH, 2, 20])
add("cnn_global", 17, "layered",
    "[N,3,8,8]: Conv2d(3,6,3,pad=1) -> ReLU -> AdaptiveAvgPool2d(1) -> torch.flatten(x,1) -> Linear(6,4)",
    CnnGlobal, [BATCH, 3, 8, 8])
add("layernorm17", 17, "feedforward", "Linear(6,10) -> LayerNorm(10) -> GELU -> Linear(10,3); opset 17 LayerNormalization op",
    LayerNormNet, [BATCH, 6])
add("layernorm14", 14, "feedforward", "Same net as layernorm17 exported at opset 14 (LayerNorm decomposed into ReduceMean/Sub/Pow/Sqrt/Div...)",
    LayerNormNet, [BATCH, 6])
add("batchnorm1d", 17, "feedforward", "Linear(7,12) -> BatchNorm1d(12) -> ReLU -> Linear(12,4)",
    BatchNorm1dNet, [BATCH, 7])

add("gru", 14, "sequence", "[N,T,4] nn.GRU(4,8,batch_first) -> Linear(8,3) at every step -> [N,T,3]",
    lambda: SeqNet(nn.GRU), [BATCH, SEQ_T, 4], seq=True)
add("gru_last", 17, "sequence", "[N,T,4] nn.GRU(4,8,batch_first) -> out[:, -1, :] -> Linear(8,3) -> [N,3]",
    lambda: SeqNet(nn.GRU, last=True), [BATCH, SEQ_T, 4], seq=True)
add("lstm", 14, "sequence", "[N,T,4] nn.LSTM(4,8,batch_first) -> Linear(8,3) at every step -> [N,T,3]",
    lambda: SeqNet(nn.LSTM), [BATCH, SEQ_T, 4], seq=True)
add("rnn_tanh", 13, "sequence", "[N,T,4] nn.RNN(4,8,nonlinearity='tanh',batch_first) -> Linear(8,3) every step",
    lambda: SeqNet(nn.RNN, nonlinearity="tanh"), [BATCH, SEQ_T, 4], seq=True)
add("rnn_relu", 13, "sequence", "[N,T,4] nn.RNN(4,8,nonlinearity='relu',batch_first) -> Linear(8,3) every step",
    lambda: SeqNet(nn.RNN, nonlinearity="relu"), [BATCH, SEQ_T, 4], seq=True)
add("gru_dense_first", 17, "sequence", "[N,T,4] Linear(4,6) -> Tanh -> nn.GRU(6,8,batch_first) -> Linear(8,2) every step",
    lambda: SeqNet(nn.GRU, n_out=2, dense_first=6), [BATCH, SEQ_T, 4], seq=True)

add("unsup_residual", 17, "unsupported", "x + relu(Linear(6,6)(x)) -> Linear(6,3): skip connection",
    Residual, [BATCH, 6], reason="Add of two non-constant tensors (residual skip connection: input + Relu output)")
add("unsup_concat", 17, "unsupported", "cat([relu(Linear(6,5)(x)), tanh(Linear(6,4)(x))], 1) -> Linear(9,3)",
    Concat, [BATCH, 6], reason="Concat of two branches (graph is not a chain; input consumed by two Gemm nodes)")
add("unsup_attention", 17, "unsupported", "[N,4,6] tiny single-head self-attention",
    TinyAttention, [BATCH, 4, 6], reason="MatMul of two non-constant tensors (Q x K^T and attention x V)")
add("unsup_leaky02", 17, "unsupported", "Linear(6,10) -> LeakyReLU(0.2) -> Linear(10,4)",
    lambda: mlp(6, 10, 4, nn.LeakyReLU(0.2)), [BATCH, 6], reason="LeakyRelu with alpha=0.2 (only alpha 0.01 supported)")
add("unsup_groupconv", 17, "unsupported", "[N,2,8,8] Conv2d(2,4,3,groups=2) -> ReLU -> flatten -> Linear(144,3)",
    GroupConv, [BATCH, 2, 8, 8], reason="Conv with group=2")
add("unsup_rect_kernel", 17, "unsupported", "[N,1,8,8] Conv2d(1,3,(3,2)) -> ReLU -> flatten -> Linear(126,3)",
    RectKernel, [BATCH, 1, 8, 8], reason="Conv with non-square kernel_shape [3,2]")
add("unsup_bidir_gru", 14, "unsupported", "[N,T,4] nn.GRU(4,8,bidirectional=True,batch_first) -> Linear(16,3) every step",
    lambda: SeqNet(nn.GRU, bidirectional=True), [BATCH, SEQ_T, 4], seq=True,
    reason="GRU with direction='bidirectional'")
add("lstm_fixed_steps", 17, "sequence",
    "[N,5,4] (the time axis fixed at 5 steps: SequenceLength = 5) nn.LSTM(4,6,batch_first) -> Linear(6,2) every step",
    lambda: SeqNet(nn.LSTM, hidden=6, n_out=2), [BATCH, SEQ_T, 4], seq=True, fixed_time=True)
add("gru_two_layer", 14, "sequence",
    "[N,T,4] nn.GRU(4,8,num_layers=2,batch_first) -> Linear(8,3) every step. "
    "torch exports this as two chained single-layer GRU nodes, imported as two [Gru(8)] layers",
    lambda: SeqNet(nn.GRU, num_layers=2), [BATCH, SEQ_T, 4], seq=True)
add("mlagents_policy", 15, "feedforward",
    "Unity ML-Agents-like policy: inputs input [N,8] and action_masks [N,3]; outputs version_number, memory_size, "
    "continuous_actions (sampled), continuous_action_output_shape, deterministic_continuous_actions = "
    "clamp(mu,-3,3)/3 (the expected outputs), discrete_actions (masked argmax), discrete_action_output_shape",
    MlAgentsPolicy, [BATCH, 8], mask_shape=[BATCH, 3],
    output_names=["version_number", "memory_size", "continuous_actions", "continuous_action_output_shape",
                  "deterministic_continuous_actions", "discrete_actions", "discrete_action_output_shape"],
    main_output="deterministic_continuous_actions")
add("multi_output", 15, "feedforward",
    "ML-Agents-like multi-output graph: version_number=[3], memory_size=[0], "
    "continuous_actions = Linear(6,10)->Swish->Linear(10,10)->Swish->Linear(10,2), "
    "continuous_action_output_shape=[2]",
    MultiOutput, [BATCH, 6],
    output_names=["version_number", "memory_size", "continuous_actions", "continuous_action_output_shape"],
    main_output="continuous_actions")


# ---------------------------------------------------------------- export
def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def export_one(spec, index):
    name = spec["name"]
    seed = zlib.crc32(name.encode()) % 100000  # stable per model name
    torch.manual_seed(seed)
    model = spec["make"]().eval()
    torch.manual_seed(seed + 1)
    x = torch.randn(*spec["in_shape"])
    # mu is large enough here that some deterministic actions reach the clamp at ±3.
    args = (x,) if spec["mask_shape"] is None else (x * 3, torch.ones(*spec["mask_shape"]))
    if spec["mask_shape"] is not None:
        x = args[0]
    with torch.no_grad():
        y = model(*args)

    output_names = spec["output_names"] or ["output"]
    dyn = {"input": {0: "N"}}
    if spec["seq"] and not spec["fixed_time"]:
        dyn["input"][1] = "T"
    for o in output_names:
        if spec["main_output"] is None or o == spec["main_output"]:
            dyn[o] = {0: "N"}
            if spec["seq"] and not spec["fixed_time"] and not (isinstance(y, torch.Tensor) and y.dim() == 2):
                dyn[o][1] = "T"

    input_names = ["input"] if spec["mask_shape"] is None else ["input", "action_masks"]
    kwargs = dict(opset_version=spec["opset"], input_names=input_names, output_names=output_names,
                  dynamic_axes=dyn, do_constant_folding=True, **spec["extra"])
    path = os.path.join(OUT_DIR, name + ".onnx")
    torch.onnx.export(model, args, path, **kwargs)
    if GRAPH_DIR:
        os.makedirs(GRAPH_DIR, exist_ok=True)
        txt = torch.onnx.export_to_pretty_string(model, args, **kwargs)
        with open(os.path.join(GRAPH_DIR, name + ".txt"), "w") as f:
            f.write(txt)

    info = {"name": name, "opset": spec["opset"], "description": spec["description"],
            "kind": spec["kind"], "input_shape": list(x.shape), "inputs": flat(x)}
    if isinstance(y, tuple):
        by_name = {}
        for o, t in zip(output_names, y):
            by_name[o] = {"shape": list(t.shape), "values": flat(t)}
        main = by_name[spec["main_output"]]
        info["output_names"] = output_names
        info["main_output"] = spec["main_output"]
        info["output_shape"] = main["shape"]
        info["outputs"] = main["values"]
        info["outputs_by_name"] = by_name
    else:
        info["output_shape"] = list(y.shape)
        info["outputs"] = flat(y)
    if spec["reason"]:
        info["reason"] = spec["reason"]
    with open(os.path.join(OUT_DIR, name + ".json"), "w") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    return name, list(x.shape), info["output_shape"], os.path.getsize(path)


def main():
    only = set(sys.argv[1:])
    for i, spec in enumerate(MODELS):
        if only and spec["name"] not in only:
            continue
        n, i_s, o_s, size = export_one(spec, i)
        print("%-22s opset %2d  in %-16s out %-12s %6d bytes" % (n, spec["opset"], i_s, o_s, size))


if __name__ == "__main__":
    main()
