#!/usr/bin/env python3
"""Whole-process wall-clock time of one command, as the median of many runs.

Usage: wall_median.py [--runs N] [--env NAME=VALUE]... -- COMMAND [ARG]...

Stdout goes to /dev/null (the command still writes all of it); prints the
median, minimum and 90th percentile in milliseconds. For example, hera-rs
emitting a 200-task chain:

    bench/wall_median.py --runs 300 -- target/release/examples/scale --tasks 200 --shape chain
"""

import argparse
import os
import statistics
import subprocess
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    env = dict(os.environ)
    env.update(item.split("=", 1) for item in args.env)
    subprocess.run(args.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(args.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(f"median {statistics.median(times):.2f} ms  min {times[0]:.2f} ms  p90 {p90:.2f} ms  ({args.runs} runs)")


if __name__ == "__main__":
    main()
