"""Guards against a Qt binding that would crash a long session.

PySide6 6.12.0 on Python 3.11 dropped one reference to None per call of a void Qt method, so after about
5,000 calls the interpreter aborted ("none_dealloc") in the middle of normal use. pyproject excludes that
release; this test fails if an installed binding behaves that way again.
"""
import subprocess
import sys

CHECK = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(3000):
    label.setText("x")
after = sys.getrefcount(None)
print(before - after)
"""


def test_void_qt_calls_do_not_leak_references_to_none():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100, f"None lost {result.stdout.strip()} references in 3000 calls"
