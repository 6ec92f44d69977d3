#!/usr/bin/env bash
# hera::lint speed: Argo's examples as one set, N-template projects, a 200-task DAG chain.
cd "$(dirname "$0")/.." && exec cargo bench -p hera-rs-checks --bench lint -- "$@"
