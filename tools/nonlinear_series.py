#!/usr/bin/env python3
"""Writes seeded nonlinear series with known noise floors, hourly, as tick CSVs, for measuring the LSTM expert:

  setar.csv     self-exciting threshold AR: x_t = 0.9 x_{t-1} + 0.6 if x_{t-1} < 0 else -0.6 x_{t-1}; noise sd 0.5
  expar.csv     exponential AR (Haggan & Ozaki 1981): x_t = (0.5 + 2 e^{-x_{t-1}^2}) x_{t-1}
                - 0.5 (0.8 + 1.5 e^{-x_{t-1}^2}) x_{t-2}; noise sd 0.3
  clipsine.csv  a daily cycle with a step on its upper part, 10 + 3 sin + 4 [sin > 0.5]; noise sd 0.5

Usage: tools/nonlinear_series.py OUT_DIR   (then: ./tickcast bench quality --data OUT_DIR)
"""
import math
import os
import sys

import numpy as np


def write(out, name, xs):
    t0 = 1_700_000_000_000
    with open(os.path.join(out, name + ".csv"), "w") as f:
        f.write("symbol,ts,value\n")
        for i, x in enumerate(xs):
            f.write(f"{name.upper()},{t0 + i * 3_600_000},{x:.6f}\n")


def main(out, n=3000):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    x = np.zeros(n)
    for t in range(1, n):
        x[t] = (0.9 * x[t - 1] + 0.6 if x[t - 1] < 0 else -0.6 * x[t - 1]) + rng.normal(0, 0.5)
    write(out, "setar", x)
    x = np.zeros(n)
    for t in range(2, n):
        e = math.exp(-x[t - 1] ** 2)
        x[t] = (0.5 + 2.0 * e) * x[t - 1] - (0.8 + 1.5 * e) * x[t - 2] * 0.5 + rng.normal(0, 0.3)
    write(out, "expar", x)
    tt = np.arange(n)
    s = np.sin(2 * np.pi * tt / 24)
    write(out, "clipsine", 10 + 3 * s + np.where(s > 0.5, 4, 0) + rng.normal(0, 0.5, n))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/nonlinear")
