"""Benchmark: the issue's zip bomb shape, a 2 MB zip holding one 2 GB attribute, must be refused fast and small.

    .venv/bin/python tests/bench/bench_apple_health_huge_value.py

The zip is generated once under /tmp/sb-bench/ (about 25 s of compression). The import runs in this process,
so the peak memory printed (max RSS) is that of the refusal alone plus Python itself.
"""
from __future__ import annotations

import os
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path(os.environ.get("SB_BENCH_DIR", "/tmp/sb-bench")) / "huge-attribute-2GB.zip"


def generate(path: Path, attribute_mb: int = 2048) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("apple_health_export/export.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?>\n<HealthData>\n <Record type="X" note="')
            block = b"a" * 2**20
            for _ in range(attribute_mb):
                member.write(block)
            member.write(b'"/>\n</HealthData>\n')
    tmp.replace(path)


def main() -> int:
    if not OUT.exists():
        print(f"generating {OUT} ...", flush=True)
        generate(OUT)
    from sb_desktop.exchange.apple_health import read_apple_health
    from sb_desktop.exchange.wearable import ImportFileError
    started = time.perf_counter()
    try:
        read_apple_health(OUT)
        refused = False
    except ImportFileError as error:
        refused = True
        print(str(error))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"zip {OUT.stat().st_size / 2**20:.1f} MB: refused={refused} in {elapsed:.2f} s, peak RSS {peak:.0f} MB")
    ok = refused and elapsed < 5 and peak <= 200
    print("PASS" if ok else "FAIL", "(need: refused, < 5 s, peak <= 200 MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
