"""Any screen, any text size: `--smoke-test --screenshots DIR` renders every page and dialog, and each one
fits a 1366x768 laptop screen, at normal size and at 150%, with its buttons in view."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAPTOP = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
                       "logicalBaseDpi": 96, "dpr": 1}]}


def render(tmp_path: Path, scale: str) -> list[dict]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(LAPTOP), encoding="utf-8")
    shots = tmp_path / f"shots-{scale}"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale,
               SB_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--demo", "--smoke-test", "--screenshots",
                             str(shots)], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    index = json.loads((shots / "index.json").read_text(encoding="utf-8"))
    for item in index:
        assert (shots / f"{item['kind']}-{item['name']}.png").stat().st_size > 1000
    return index


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_every_page_and_dialog_fits_a_laptop_screen(tmp_path, scale):
    from sb_desktop.ui.shell.pages import page_specs
    from sb_desktop.ui.shell.screens import dialog_specs

    index = render(tmp_path, scale)
    names = {(item["kind"], item["name"]) for item in index}
    assert {("page", spec.key) for spec in page_specs()} <= names
    assert {("dialog", spec.name) for spec in dialog_specs()} <= names
    assert set(index[0]) >= {"name", "kind", "width", "height", "fits_screen"}
    too_big = [item["name"] for item in index if not item["fits_screen"]]
    assert too_big == []
    limit_w, limit_h = 1366 / float(scale), 768 / float(scale)
    assert all(item["width"] <= limit_w and item["height"] <= limit_h for item in index)


def test_a_dialog_taller_than_the_screen_scrolls_with_its_buttons_in_view(qtbot):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

    from sb_desktop.ui.common.fit import fit_to_screen, fits_screen

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    for n in range(80):
        layout.addWidget(QLabel(f"Question {n}: a line of text that takes some room"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    dialog.show()
    fit_to_screen(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height()
    assert dialog.findChild(QScrollArea, "dialog-scroll") is not None
    assert buttons.parent() is dialog and buttons.isVisible()
    assert fits_screen(dialog)


def test_a_dialogs_own_row_of_buttons_also_stays_in_view(qtbot):
    """Not every dialog uses a button box: a last row made only of buttons stays below the scrolling body too
    (the first safety questions' 'Ask me later' and 'Continue')."""
    from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout

    from sb_desktop.ui.common.fit import fit_to_screen, fits_screen

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    for n in range(80):
        layout.addWidget(QLabel(f"Question {n}: a line of text that takes some room"))
    row = QHBoxLayout()
    row.addStretch(1)
    later, done = QPushButton("Ask me later"), QPushButton("Continue")
    row.addWidget(later)
    row.addWidget(done)
    layout.addLayout(row)
    dialog.show()
    fit_to_screen(dialog)
    scroll = dialog.findChild(QScrollArea, "dialog-scroll")
    assert scroll is not None and not scroll.isAncestorOf(later) and not scroll.isAncestorOf(done)
    assert fits_screen(dialog)
