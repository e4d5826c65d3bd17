"""Kill the process at arbitrary instants during writes: nothing acknowledged is lost, imports are whole."""
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from sb_desktop.storage.database import integrity_check
from sb_desktop.storage.profiles import ProfileDirectory

WRITER = r"""
import sys, datetime as dt
from sb_desktop.storage.profiles import ProfileDirectory
from sb_desktop.domain.entries import make_pain, make_activity
profile = ProfileDirectory(sys.argv[1]).open("crash")
n = 0
while True:
    n += 1
    if n % 7 == 0:
        # an import-sized batch: all or nothing
        batch = [make_activity(5, kind="walk", date=dt.date(2024, 1, 1), note="batch%s-%d" % (sys.argv[2], n)) for _ in range(200)]
        profile.journal.add_many(batch)
        print("batch", "%s-%d" % (sys.argv[2], n), flush=True)
    else:
        entry = profile.journal.add(make_pain(n % 11, date=dt.date(2024, 1, 1), note="n%d" % n))
        print("id", entry.id, flush=True)
"""

KILLS = int(os.environ.get("SB_CRASH_KILLS", "25"))


@pytest.mark.skipif(sys.platform.startswith("win"), reason="uses SIGKILL")
def test_sigkill_during_writes_loses_nothing_acknowledged(tmp_path):
    data = tmp_path / "data"
    rng = random.Random(7)
    acknowledged_ids: set[int] = set()
    acknowledged_batches: set[str] = set()
    for run in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(run)], stdout=subprocess.PIPE, text=True)
        # Once it is writing, let it run for a random moment, reading what it acknowledged.
        lines = [proc.stdout.readline()]
        deadline = time.monotonic() + rng.uniform(0.0, 0.3)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in lines + rest.splitlines(keepends=True):
            if not line.endswith("\n"):
                continue  # cut off by the kill: the writer never finished saying it, so nothing was acknowledged
            kind, _, value = line.strip().partition(" ")
            if kind == "id":
                acknowledged_ids.add(int(value))
            elif kind == "batch":
                acknowledged_batches.add(f"batch{value}")
    profile = ProfileDirectory(data).open("crash")
    try:
        assert integrity_check(profile.db) == []
        stored = {e.id for e in profile.journal.entries()}
        assert acknowledged_ids <= stored, "an acknowledged entry was lost"
        counts: dict[str, int] = {}
        for note, in profile.db.execute("SELECT note FROM entries WHERE note LIKE 'batch%'"):
            counts[note] = counts.get(note, 0) + 1
        assert all(n == 200 for n in counts.values()), "a half-written import survived"
        assert acknowledged_batches <= set(counts)
        assert acknowledged_ids, "the writer never got going"
    finally:
        profile.close()
