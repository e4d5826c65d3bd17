"""Benchmark: Apple Health import throughput against a bare xml.etree iterparse loop, and peak memory.

    .venv/bin/python tests/bench/bench_apple_health.py            # 1 GB export (generated once under /tmp)
    SB_BENCH_EXPORT_MB=100 .venv/bin/python tests/bench/bench_apple_health.py   # quick run

The export is generated under /tmp/sb-bench/ (never inside the repository) with a realistic mix: step
counts from a phone and a watch, heart rate, distance, energy, sleep, walking and running workouts.
Each measurement runs in its own process, so peak memory (max RSS) is that of the import alone.
Pass criteria (the issue's): import throughput >= 80% of the baseline's, import peak RSS <= 200 MB.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE_MB = int(os.environ.get("SB_BENCH_EXPORT_MB", "1024"))
REPEATS = int(os.environ.get("SB_BENCH_REPEATS", "3" if SIZE_MB <= 200 else "1"))
OUT_DIR = Path(os.environ.get("SB_BENCH_DIR", "/tmp/sb-bench"))
MIN_RATIO = 0.80
MAX_PEAK_MB = 200

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-05-01 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""
RECORD = (' <Record type="{type}" sourceName="{source}" sourceVersion="17.4" device="&lt;&lt;HKDevice: 0x28{n:07x}&gt;, '
          'name:{device}, manufacturer:Apple Inc., model:{device}, hardware:{hw}, software:17.4&gt;" unit="{unit}" '
          'creationDate="{day} {h:02d}:{m:02d}:41 {tz}" startDate="{day} {h:02d}:{m:02d}:00 {tz}" '
          'endDate="{day} {h:02d}:{m2:02d}:00 {tz}" value="{value}"/>\n')
WORKOUT = (' <Workout workoutActivityType="{type}" duration="{minutes}" durationUnit="min" totalDistance="2.1" '
           'totalDistanceUnit="km" totalEnergyBurned="120" totalEnergyBurnedUnit="kcal" sourceName="Watch" '
           'sourceVersion="10.4" creationDate="{day} 18:40:00 {tz}" startDate="{day} 18:00:00 {tz}" '
           'endDate="{day} 18:{minutes:02d}:00 {tz}">\n  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n </Workout>\n')
KINDS = [
    ("HKQuantityTypeIdentifierStepCount", "count", lambda r: r.randint(5, 900)),
    ("HKQuantityTypeIdentifierHeartRate", "count/min", lambda r: r.randint(55, 150)),
    ("HKQuantityTypeIdentifierHeartRate", "count/min", lambda r: r.randint(55, 150)),
    ("HKQuantityTypeIdentifierDistanceWalkingRunning", "km", lambda r: round(r.random(), 5)),
    ("HKQuantityTypeIdentifierActiveEnergyBurned", "kcal", lambda r: round(r.random() * 20, 3)),
    ("HKQuantityTypeIdentifierStepCount", "count", lambda r: r.randint(5, 900)),
]
SOURCES = [("Sam’s iPhone", "iPhone", "iPhone15,2"), ("Sam’s Apple Watch", "Watch", "Watch6,2")]


def generate(path: Path, size_mb: int) -> None:
    rng = random.Random(7)
    target = size_mb * 2**20
    tmp = path.with_suffix(".partial")
    day = dt.date(2015, 1, 1)
    n = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        written = len(HEADER)
        while written < target:
            tz = "+0100" if 3 < day.month < 11 else "+0000"
            parts = []
            for _ in range(1200):
                kind, unit, value = KINDS[rng.randrange(len(KINDS))]
                source, device, hw = SOURCES[rng.randrange(2)]
                h, m = rng.randrange(24), rng.randrange(59)
                n += 1
                parts.append(RECORD.format(type=kind, source=source, device=device, hw=hw, unit=unit, n=n,
                                           day=day.isoformat(), h=h, m=m, m2=m + 1, tz=tz, value=value(rng)))
            if rng.random() < 0.5:
                parts.append(WORKOUT.format(type=rng.choice(["HKWorkoutActivityTypeWalking",
                                                             "HKWorkoutActivityTypeRunning"]),
                                            minutes=rng.randint(10, 59), day=day.isoformat(), tz=tz))
            chunk = "".join(parts)
            out.write(chunk)
            written += len(chunk.encode("utf-8"))
            day += dt.timedelta(days=1)
            if day > dt.date(2024, 4, 30):
                day = dt.date(2015, 1, 1)
        out.write("</HealthData>\n")
    os.replace(tmp, path)


BASELINE = """
import sys, time, resource
from xml.etree.ElementTree import iterparse
path = sys.argv[1]
t = time.perf_counter()
for _event, element in iterparse(path):
    element.clear()
elapsed = time.perf_counter() - t
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# The memory-bounded idiom: clear the root as well, so finished records do not pile up under it.
BASELINE_ROOT_CLEAR = """
import sys, time, resource
from xml.etree.ElementTree import iterparse
path = sys.argv[1]
t = time.perf_counter()
events = iterparse(path, events=("start", "end"))
_event, root = next(events)
for event, element in events:
    if event == "end" and element.tag in ("Record", "Workout"):
        root.clear()
elapsed = time.perf_counter() - t
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

IMPORTER = """
import sys, time, resource
sys.path.insert(0, sys.argv[2])
from sb_desktop.exchange.apple_health import read_apple_health
path = sys.argv[1]
seen = []
t = time.perf_counter()
parsed = read_apple_health(path, progress=lambda done, total: None, cancelled=lambda: False)
entries = parsed.entries()
elapsed = time.perf_counter() - t
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(parsed.steps_by_day), len(entries))
"""


def run(script: str, path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", script, str(path), str(ROOT)], capture_output=True, text=True,
                            check=True)
    return result.stdout.split()


def main() -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"export-{SIZE_MB}MB.xml"
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, SIZE_MB)
    size = path.stat().st_size
    base_times, clear_times, import_times, base_rss, import_rss = [], [], [], [], []
    for _ in range(REPEATS):      # interleaved so all see the same machine load
        seconds, rss = run(BASELINE, path)
        base_times.append(float(seconds))
        base_rss.append(int(rss))
        seconds, _rss = run(BASELINE_ROOT_CLEAR, path)
        clear_times.append(float(seconds))
        seconds, rss, days, entries = run(IMPORTER, path)
        import_times.append(float(seconds))
        import_rss.append(int(rss))
    # Judge against the faster of the two baselines.
    base, mine = min(min(base_times), min(clear_times)), min(import_times)
    ratio = base / mine
    peak_mb = max(import_rss) / 1024
    report = {
        "file_mb": round(size / 2**20, 1),
        "repeats": REPEATS,
        "baseline_iterparse_clear_s": round(min(base_times), 2),
        "baseline_iterparse_root_clear_s": round(min(clear_times), 2),
        "baseline_mb_per_s": round(size / 2**20 / base, 1),
        "import_s": round(mine, 2),
        "import_mb_per_s": round(size / 2**20 / mine, 1),
        "throughput_ratio": round(ratio, 2),
        "import_peak_rss_mb": round(peak_mb, 1),
        "baseline_peak_rss_mb": round(max(base_rss) / 1024, 1),
        "days_with_steps": int(days),
        "entries": int(entries),
    }
    print(json.dumps(report, indent=1))
    ok = ratio >= MIN_RATIO and peak_mb <= MAX_PEAK_MB
    print("PASS" if ok else "FAIL", f"(need ratio >= {MIN_RATIO}, peak <= {MAX_PEAK_MB} MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
