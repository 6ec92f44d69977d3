#!/usr/bin/env python3
"""Times hera-rs's `scale` example and Python Hera's `hera_scale.py` as whole
processes, checks that both print the same WorkflowTemplate (as data), and
prints a Markdown table plus a least-squares fit of time against N for
hera-rs (the slope is the cost per task; R² near 1 means linear growth)."""

import argparse
import os
import statistics
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, result.stdout


def median_time(command, repeats):
    times = []
    output = b""
    for _ in range(repeats):
        elapsed, output = run(command)
        times.append(elapsed)
    return statistics.median(times), output


def as_data(text):
    document = yaml.safe_load(text)
    document["spec"]["templates"].sort(key=lambda t: t["name"])
    return document


def fit(points):
    """Least squares y = a + b x; returns (a, b, r2)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    b = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    total = sum((y - my) ** 2 for y in ys)
    residual = sum((y - (a + b * x)) ** 2 for x, y in points)
    return a, b, 1 - residual / total if total else 1.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hera-python", required=True)
    parser.add_argument("--rust", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()

    sizes = {"chain": [100, 1000, 2000, 5000, 10000], "fanin": [100, 1000, 2000, 5000]}
    hera_sizes = {"chain": [100, 1000, 2000, 5000], "fanin": [100, 1000, 2000, 5000]}
    if args.quick:
        sizes = {"chain": [100, 1000, 2000], "fanin": [100, 1000, 2000]}
        hera_sizes = sizes

    print("| shape | N | hera-rs (s) | Hera 7.1.0 (s) | speed-up |")
    print("|---|---:|---:|---:|---:|")
    fits = {}
    for shape, ns in sizes.items():
        points = []
        for n in ns:
            rust_cmd = [args.rust, "--tasks", str(n), "--shape", shape]
            rust_time, rust_out = median_time(rust_cmd, 5)
            points.append((n, rust_time))
            if n in hera_sizes[shape]:
                hera_cmd = [args.hera_python, os.path.join(HERE, "hera_scale.py"), "--tasks", str(n), "--shape", shape]
                hera_time, hera_out = median_time(hera_cmd, 1 if n >= 2000 else 3)
                if as_data(rust_out) != as_data(hera_out):
                    sys.exit(f"{shape}-{n}: hera-rs and Hera print different templates")
                print(f"| {shape} | {n} | {rust_time:.3f} | {hera_time:.2f} | {hera_time / rust_time:.0f}x |")
            else:
                print(f"| {shape} | {n} | {rust_time:.3f} | – | – |")
            sys.stdout.flush()
        fits[shape] = fit(points)
    print()
    for shape, (a, b, r2) in fits.items():
        print(f"hera-rs {shape}: time ≈ {a * 1000:.1f} ms + {b * 1e6:.2f} µs × N (R² = {r2:.4f})")


if __name__ == "__main__":
    main()
