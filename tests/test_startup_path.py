"""What the first paint may cost: the window a returning person sees is built without loading what only
later screens need, and the Qt-namespace settings made by name (sb_desktop/ui/common/qt_names.py) take effect."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from sb_desktop.domain.entries import make_pain
from sb_desktop.domain.safety import FIRST_START
from sb_desktop.ui.common.qt_names import left_aligned, selectable_text, set_by_name, set_shortcut

ROOT = Path(__file__).resolve().parent.parent

# A returning person's start, as `python main.py` runs it (interactive: reminders installed, the first-start
# check queued), reporting what was loaded when the main window first painted.
FIRST_PAINT_PROBE = r"""
import sys
from sb_desktop import app, cli
from sb_desktop.cli.context import CliContext
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent

class Probe(app._FirstPaint):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not Probe.seen:
            Probe.seen = True
            loaded = [name for name in ("Qt",) if name in vars(QtCore)]
            loaded += [name for name in ("sqlite_utils", "sqlite3", "numpy", "matplotlib", "sb_desktop.ui.safety.red_flags",
                                         "sb_desktop.storage.sessions", "sb_desktop.domain.review",
                                         "sb_desktop.storage.overview", "sb_desktop.domain.function_check")
                       if name in sys.modules]
            try:  # native libraries, where the system says which are loaded (Linux)
                maps = open("/proc/self/maps").read()
            except OSError:
                maps = ""
            loaded += [name for name in ("libQt6Svg",) if name in maps]
            print("loaded at first paint:", ",".join(loaded) or "-")
        return super().eventFilter(watched, event)

args = cli.parse_arguments([])
qapp = app.make_application()
ctx = CliContext()
session, first, opened = app.build_gui(app.StartOptions.from_args(args), ctx.profiles, ctx.clinic, interactive=True)
assert opened is not None and first is session.window
probe = Probe(qapp)
first.installEventFilter(probe)
qapp.exec()
"""


def test_a_returning_persons_first_paint_loads_nothing_later_screens_need(tmp_path):
    """Building PySide6's `Qt` namespace (100 enum classes) costs about 11 ms, sqlite-utils about 50 ms,
    numpy and matplotlib far more, the sessions' and reviews' modules and Qt's SVG library (the icon is
    drawn from PNGs) a few ms; Today needs none of them. A process of its own, so that
    nothing other tests loaded is counted."""
    from sb_desktop.storage.profiles import ProfileDirectory
    from sb_desktop.storage.safety import SafetyStore

    profile = ProfileDirectory(tmp_path).open("Sam")
    profile.journal.add(make_pain(3))
    store = SafetyStore(profile.db)
    store.complete(store.start_check(FIRST_START).id)  # a returning person: the first-start questions are done
    profile.close()
    environment = dict(os.environ, SB_DESKTOP_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    environment.pop("SB_DESKTOP_PASSPHRASE", None)
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT_PROBE], capture_output=True,
                            text=True, env=environment, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["loaded at first paint: -"], result.stdout


def test_set_by_name_sets_enum_and_flag_properties(qtbot):
    label = QLabel("text")
    qtbot.addWidget(label)
    set_by_name(label, "alignment", "AlignRight|AlignVCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    selectable_text(label)
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse


def test_set_by_name_refuses_a_wrong_name_and_changes_nothing(qtbot):
    label = QLabel("text")
    qtbot.addWidget(label)
    before = label.alignment()
    with pytest.raises(ValueError, match="AlignSideways"):
        set_by_name(label, "alignment", "AlignSideways")
    with pytest.raises(ValueError, match="no property 'alinement'"):
        set_by_name(label, "alinement", "AlignLeft")
    assert label.alignment() == before
    assert label.dynamicPropertyNames() == []  # no stray property left behind


def test_set_shortcut_takes_a_key_or_every_binding_of_a_standard_key(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    lock, undo = QAction("Lock", owner), QAction("Undo", owner)
    set_shortcut(lock, "Ctrl+L")
    set_shortcut(undo, QKeySequence.StandardKey.Undo)
    assert lock.shortcut() == QKeySequence("Ctrl+L")
    assert undo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)


def test_left_aligned_keeps_a_button_at_its_natural_width_on_the_left(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    button = QPushButton("Save pain rating")
    layout.addLayout(left_aligned(button))
    page.resize(600, 100)
    page.show()
    qtbot.waitExposed(page)
    assert button.width() == button.sizeHint().width()
    assert button.x() == layout.contentsMargins().left()


def test_the_window_icon_has_every_size_a_desktop_asks_for(qtbot):
    from PySide6.QtGui import QImage

    from sb_desktop.app import window_icon
    from sb_desktop.resources import ICON_SIZES, icon_png

    assert {16, 32, 48, 128, 256} <= set(ICON_SIZES)
    assert {size.width() for size in window_icon().availableSizes()} == set(ICON_SIZES)
    for size in ICON_SIZES:  # each size is a picture of that size (build/make_icons.py renders them)
        image = QImage(str(icon_png(size)))
        assert image.width() == image.height() == size, icon_png(size)
        assert image.pixelColor(size // 2, size // 2).alpha() > 0  # drawn, not an empty square
