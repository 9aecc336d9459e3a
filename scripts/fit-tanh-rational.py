#!/usr/bin/env python3
"""Fits the rational behind VectorMath.Tanh and VectorMath.Sigmoid (src/NetGen/Runtime/Simd, issue 15).

t(a) = n/d ~ tanh(a/2) on a in [0, 10], n = a*(1 + z*(P1 + z*P2)), d = 2 + z*(Q1 + z*(Q2 + z*Q3)), z = a*a.
The functions use it through the double-angle formula tanh a = 2t/(1 + t^2), so an error dt of t changes tanh a by
(1 - t^2)/(1 + t^2) * dt relative: the fit minimises that, the relative error it gives tanh a, over a Chebyshev-spaced
grid, by Lawson's iteratively reweighted least squares on the linearised error n - f*d (f = tanh(a/2)/a, divided by the
previous iteration's d). Then each coefficient, the highest power first, is rounded to float and the others refitted,
so the float coefficients are near-minimax too. Prints the five constants of VectorMath.cs (Q = 2 * D).

Needs mpmath (pip install mpmath); under a minute. Usage: scripts/fit-tanh-rational.py [clamp, default 10]
"""
import struct
import sys

import mpmath as mp

mp.mp.dps = 40
CLAMP = mp.mpf(sys.argv[1]) if len(sys.argv) > 1 else mp.mpf(10)
POINTS = 400
ITERATIONS = 60
NAMES = ["p1", "p2", "d1", "d2", "d3"]


def to_float(value):
    return mp.mpf(struct.unpack("f", struct.pack("f", float(value)))[0])


# Grid, target f = P/D with P(0) = D(0) = 1 (so f(0) = 1: f = 2 tanh(a/2)/a), and the error weight.
xs = [CLAMP * (1 - mp.cos(mp.pi * (k + mp.mpf(0.5)) / POINTS)) / 2 for k in range(POINTS)]
zs = [x * x for x in xs]
ts = [mp.tanh(x / 2) for x in xs]
fs = [2 * ts[k] / xs[k] for k in range(POINTS)]
weights = [(1 - ts[k] ** 2) / (1 + ts[k] ** 2) / fs[k] for k in range(POINTS)]


def column(name, k):
    power = int(name[1:])
    return zs[k] ** power if name[0] == "p" else -fs[k] * zs[k] ** power


def fit(fixed, iterations):
    free = [name for name in NAMES if name not in fixed]
    lawson = [mp.mpf(1) / POINTS] * POINTS
    previous = [mp.mpf(1)] * POINTS
    best = None
    for _ in range(iterations):
        values = dict(fixed)
        if free:
            rows, rhs = [], []
            for k in range(POINTS):
                scale = mp.sqrt(lawson[k]) * weights[k] / previous[k]
                constant = 1 - fs[k] + sum(fixed[name] * column(name, k) for name in fixed)
                rows.append([column(name, k) * scale for name in free])
                rhs.append(-constant * scale)
            solution = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))[0]
            values.update({name: solution[i] for i, name in enumerate(free)})
        p = [mp.mpf(1), values["p1"], values["p2"]]
        d = [mp.mpf(1), values["d1"], values["d2"], values["d3"]]
        previous = [mp.polyval(d[::-1], z) for z in zs]
        errors = [weights[k] * (mp.polyval(p[::-1], zs[k]) / previous[k] - fs[k]) for k in range(POINTS)]
        worst = max(abs(e) for e in errors)
        if best is None or worst < best[0]:
            best = (worst, values)
        if not free:
            break
        total = sum(lawson[k] * abs(errors[k]) for k in range(POINTS))
        lawson = [lawson[k] * abs(errors[k]) / total for k in range(POINTS)]
    return best


worst, values = fit({}, 2 * ITERATIONS)
print(f"real coefficients: max weighted relative error {mp.nstr(worst, 4)}")
fixed = {}
for name in ["d3", "d2", "p2", "d1", "p1"]:
    fixed[name] = to_float(values[name])
    worst, values = fit(fixed, ITERATIONS if len(fixed) < len(NAMES) else 1)
print(f"float coefficients: max weighted relative error {mp.nstr(worst, 4)}")
for name, constant, factor in [("p1", "TanhP1", 1), ("p2", "TanhP2", 1), ("d1", "TanhQ1", 2), ("d2", "TanhQ2", 2), ("d3", "TanhQ3", 2)]:
    print(f"{constant} = {float(factor * values[name]):.9g}f")
