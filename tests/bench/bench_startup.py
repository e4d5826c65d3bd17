"""Start-up to a painted main window on the demo profile, against a bare PySide6 window, in the same run.

Run on purpose (not part of the normal suite):  .venv/bin/python tests/bench/bench_startup.py [--runs N]
Target: ratio <= 1.5.
"""
import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.setCentralWidget(QLabel("hello")); window.resize(1180, 760)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint: QTimer.singleShot(0, app.quit)
        return False
f = F(); window.installEventFilter(f); window.show(); app.exec()
"""


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--verbose", action="store_true", help="print every timing, sorted")
    args = parser.parse_args()
    # An installed app runs from bytecode (pip and PyInstaller compile it); a checkout with stale .pyc files
    # (e.g. under PYTHONDONTWRITEBYTECODE) would time the compiler instead.
    compileall.compile_dir(str(ROOT / "sb_desktop"), quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as data:
        env["SB_DESKTOP_DATA_DIR"] = data
        app_cmd = [sys.executable, str(ROOT / "main.py"), "--demo", "--quit-after-show"]
        subprocess.run(app_cmd, env=env, check=True)  # creates and fills the demo profile once
        bare, app = [], []
        for _ in range(args.runs):  # interleaved so machine load affects both alike
            bare.append(timed([sys.executable, "-c", BARE], env))
            app.append(timed(app_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window: median {b * 1000:.0f} ms over {args.runs} runs")
    print(f"SupportBack Desktop (demo profile): median {a * 1000:.0f} ms")
    print(f"ratio: {a / b:.2f}x (target <= 1.5x)")
    if args.verbose:
        print("bare ms:", " ".join(f"{t * 1000:.0f}" for t in sorted(bare)))
        print("app ms: ", " ".join(f"{t * 1000:.0f}" for t in sorted(app)))
    return 0 if a / b <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
