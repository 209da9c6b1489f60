"""Hearth's benchmarks: `make bench` runs every `benchmarks/bench_*.py` and writes benchmarks/results/.

Each module exposes ``run() -> dict`` returning its measurements (wall times, peak memory, ratios
against a baseline measured side by side in the same run) and may print progress as it goes.
Goals are reported next to the measurements; nothing here is asserted in the test suite.
"""
