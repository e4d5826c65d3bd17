"""Unlock cost and profile listing speed, each against a baseline measured in the same run.

Run: .venv/bin/python tests/bench/bench_profiles.py
  unlock: open an encrypted profile (scrypt n=2**17, r=8 + SQLCipher open + quick_check) vs the same
          profile unencrypted; the difference is the deliberate key-derivation cost.
  list:   ProfileDirectory.list() over 200 profiles (target <= 100 ms) vs only reading the 200 profile.json
          files; plus filling the start screen's chooser with them.
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sb_desktop.storage  # noqa: E402,F401
from sb_desktop.domain.entries import make_pain  # noqa: E402
from sb_desktop.storage import crypto  # noqa: E402
from sb_desktop.storage.profiles import ProfileDirectory  # noqa: E402

PASSPHRASE = "a fairly ordinary passphrase"


def median_ms(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_unlock(folder: Path) -> None:
    directory = ProfileDirectory(folder)
    directory.create("Enc", passphrase=PASSPHRASE)
    directory.create("Plain")
    for name, passphrase in (("Enc", PASSPHRASE), ("Plain", None)):
        profile = directory.open(name, passphrase=passphrase)
        profile.journal.add_many([make_pain(i % 11, date=f"2024-01-{1 + i % 28:02d}") for i in range(2000)])
        profile.close()
    plain = median_ms(lambda: directory.open("Plain", auto_backup=False).close(), 7)
    encrypted = median_ms(lambda: directory.open("Enc", passphrase=PASSPHRASE, auto_backup=False).close(), 7)
    kdf = median_ms(lambda: crypto.derive_wrapping_key(PASSPHRASE, b"0" * 16, crypto.DEFAULT_KDF), 7)
    print(f"unlock (encrypted profile, 2000 entries): {encrypted:7.1f} ms   "
          f"baseline unencrypted open: {plain:6.1f} ms   ratio {encrypted / plain:5.1f}x   "
          f"of which scrypt n=2**{crypto.DEFAULT_KDF.n.bit_length() - 1}, r={crypto.DEFAULT_KDF.r}: {kdf:6.1f} ms")


def bench_list(folder: Path) -> None:
    saved = crypto.DEFAULT_KDF
    crypto.DEFAULT_KDF = crypto.KdfParams(n=2 ** 10)  # creating 200 profiles; the envelope size is the same
    directory = ProfileDirectory(folder)
    for i in range(200):
        directory.create(f"Person {i:03d}", passphrase=PASSPHRASE)
    crypto.DEFAULT_KDF = saved
    metas = sorted(directory.root.glob("*/profile.json"))

    def raw_read():
        for meta in metas:
            meta.read_bytes()

    baseline = median_ms(raw_read, 21)
    listing = median_ms(directory.list, 21)
    assert len(directory.list()) == 200
    print(f"list 200 profiles: {listing:7.2f} ms (target <= 100 ms)   baseline raw read of 200 profile.json: "
          f"{baseline:6.2f} ms   ratio {listing / baseline:4.1f}x")
    from sb_desktop.app import make_application
    from sb_desktop.ui.profiles.start_screen import StartScreen
    make_application()
    screen = StartScreen(directory)
    chooser = median_ms(screen.show_chooser, 11)
    print(f"start screen chooser with 200 profiles: {chooser:7.2f} ms")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        bench_unlock(Path(first))
        bench_list(Path(second))
