"""Start-up to a painted main window: the frozen bundle against the same app run from source, in one run.

Run on purpose after `python build/build_bundle.py` (not part of the normal suite):
    .venv/bin/python tests/bench/bench_frozen_startup.py [--runs N] [--bundle build/out/sb-desktop/sb-desktop]
Both open the demo profile with --quit-after-show, offscreen, interleaved so machine load affects both
alike; each gets its own data folder, filled once before timing. Target: frozen <= 2x source.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_RATIO = 2.0


def default_bundle() -> Path:
    if sys.platform == "darwin":
        return ROOT / "build" / "out" / "SupportBack Desktop.app" / "Contents" / "MacOS" / "sb-desktop"
    name = "sb-desktop.exe" if sys.platform.startswith("win") else "sb-desktop"
    return ROOT / "build" / "out" / "sb-desktop" / name


def timed(command: list[str], env: dict, cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=default_bundle())
    args = parser.parse_args()
    if not args.bundle.is_file():
        print(f"no bundle at {args.bundle}; run build/build_bundle.py first", file=sys.stderr)
        return 2
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SB_DESKTOP_"))}
    base["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    window = ["--demo", "--quit-after-show"]
    with tempfile.TemporaryDirectory() as source_data, tempfile.TemporaryDirectory() as frozen_data:
        source_env = dict(base, SB_DESKTOP_DATA_DIR=source_data)
        frozen_env = dict(base, SB_DESKTOP_DATA_DIR=frozen_data)
        source_cmd = [sys.executable, str(ROOT / "main.py"), *window]
        frozen_cmd = [str(args.bundle), *window]
        # First runs fill the demo profiles and warm the disk cache; they are not timed.
        subprocess.run(source_cmd, env=source_env, cwd=ROOT, check=True, capture_output=True)
        subprocess.run(frozen_cmd, env=frozen_env, cwd=frozen_data, check=True, capture_output=True)
        source, frozen = [], []
        for _ in range(args.runs):
            source.append(timed(source_cmd, source_env, str(ROOT)))
            frozen.append(timed(frozen_cmd, frozen_env, frozen_data))
    s, f = statistics.median(source), statistics.median(frozen)
    print(f"from source: median {s * 1000:.0f} ms over {args.runs} runs (min {min(source) * 1000:.0f})")
    print(f"frozen ({args.bundle.relative_to(ROOT) if args.bundle.is_relative_to(ROOT) else args.bundle}): "
          f"median {f * 1000:.0f} ms (min {min(frozen) * 1000:.0f})")
    print(f"ratio frozen/source: {f / s:.2f}x (target <= {MAX_RATIO:g}x)")
    return 0 if f / s <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
