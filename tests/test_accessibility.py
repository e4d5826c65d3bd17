"""Accessibility checked the way a screen reader sees the app: over AT-SPI (what Orca uses on Linux).

The walk runs in the system's Python (python3-pyatspi) inside a private D-Bus session with Xvfb, starts the
app on a profile filled with the sample entries, reads the first-start safety questions, leaves them for later with a button press
through AT-SPI, then selects each page in the navigation list through AT-SPI and reads every control."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"


def _walker_available() -> bool:
    if not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("Xvfb", "dbus-run-session")):
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _walker_available(),
                    reason="needs Xvfb, dbus-run-session and python3-pyatspi (.ci/run installs them)")
def test_every_control_on_every_page_has_a_role_and_a_name(tmp_path):
    result = subprocess.run(["dbus-run-session", "--", SYSTEM_PYTHON, str(ROOT / "tests" / "a11y" / "walk.py"),
                             sys.executable, str(tmp_path / "data")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["pages"] == ["Today", "Journal", "Progress", "Sessions", "Goals", "Settings"]
    pages_seen = {control["where"].split("/")[0] for control in report["controls"]}
    assert pages_seen >= {"safety-questions", *report["pages"]}, "a page showed no controls to the screen reader"
    assert report["unnamed"] == [], "controls a screen reader cannot name"
    assert report["no_role"] == [], "objects with no role"
    def names_on(page):
        return {c["name"] for c in report["controls"] if c["where"].startswith(page + "/")}
    # Selecting a page through AT-SPI really shows it (a screen reader selects; it does not click).
    assert {"Save pain rating", "5: moderate"} <= names_on("Today")
    assert "Entries by day, newest first" in names_on("Journal") and "Save pain rating" not in names_on("Journal")
    assert "Range: 4 weeks" in names_on("Progress")
    assert "Back up now" in names_on("Settings")
