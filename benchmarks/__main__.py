"""`python -m benchmarks [NAME ...]`: run the benchmarks and write benchmarks/results/<name>.json."""

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    chosen = [m for m in modules if not names or m.removeprefix("bench_") in names or m in names]
    if names and not chosen:
        print(f"No benchmark named {', '.join(names)}; available: {', '.join(modules)}", file=sys.stderr)
        return 2
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    for name in chosen:
        print(f"== {name}", flush=True)
        result = importlib.import_module(f"benchmarks.{name}").run()
        (results_dir / f"{name}.json").write_text(json.dumps(result, indent=2, default=str) + "\n")
        print(json.dumps(result, indent=2, default=str), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
