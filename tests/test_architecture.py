"""The shape that keeps the house easy to change: one unit of work, pages that fail loudly, one settings
registry, a thread-safe light import, a log without health data, and the linters that guard the layers."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sb_desktop.domain.entries import make_pain
from sb_desktop.domain.errors import UserError

ROOT = Path(__file__).resolve().parent.parent


# --- one unit of work ---

def test_a_window_operation_is_one_transaction_across_stores(app_context, profile, monkeypatch):
    """A weekly review saved with its activity ratings: when a later write fails, every earlier write, in
    every store, is rolled back too, views hear of no change, and the person is told nothing was saved."""
    import sb_desktop.ui.common.context as context_module
    from sb_desktop.domain.measures import make_psfs
    from sb_desktop.domain.settings import DRAFTS
    from sb_desktop.storage.database import DATABASE_ERRORS
    from sb_desktop.ui.common.context import Change

    shown = []
    monkeypatch.setattr(context_module.QMessageBox, "warning", lambda *args: shown.append(("warning", args[2])))
    monkeypatch.setattr(context_module.QMessageBox, "critical", lambda *args: shown.append(("critical", args[2])))
    reached = []

    def save(p):
        p.journal.add(make_pain(4, note="first write"))
        p.settings.write(DRAFTS, {"today": {"x": 1}})
        p.measures.add(make_psfs([("Walking", 5), ("Bending", 4), ("Sitting", 6)]))
        reached.append("all three written")
        p.journal.add(make_pain(11))   # refused: out of range

    emitted = []
    app_context.changed.connect(lambda kinds, by: emitted.append(kinds))
    assert app_context.run(save, changes=Change.JOURNAL | Change.MEASURES) is None
    assert reached == ["all three written"] and shown and shown[0][0] == "warning"
    assert profile.journal.count() == 0
    assert profile.measures.responses() == []
    assert profile.settings.get(DRAFTS.key) is None
    assert emitted == [], "views were told of a change that was rolled back"

    def fails_in_the_database(p):
        p.journal.add(make_pain(4))
        p.sessions("supportback-en").open_page("session-1", 0, "no-such-page-table-check")
        raise DATABASE_ERRORS[0]("disk I/O error")

    assert app_context.run(fails_in_the_database, changes=Change.JOURNAL) is None
    assert shown[-1][0] == "critical" and profile.journal.count() == 0


def test_run_announces_typed_changes_and_who_started_them(app_context, qtbot):
    from sb_desktop.ui.common.context import Change

    page = object()
    with qtbot.waitSignal(app_context.changed) as blocker:
        app_context.run(lambda p: p.journal.add(make_pain(3)), changes=Change.JOURNAL, initiator=page)
    kinds, by = blocker.args
    assert isinstance(kinds, Change) and Change.JOURNAL in kinds and by is page


def test_review_and_its_ratings_commit_together(profile):
    """The profile's own transaction: both stores commit, or neither does."""
    from sb_desktop.domain.measures import make_psfs

    with pytest.raises(RuntimeError), profile.transaction():
        profile.measures.add(make_psfs([("Lifting", 3), ("Bending", 4), ("Sitting", 6)]))
        raise RuntimeError("power went")
    assert profile.measures.responses() == []
    with profile.transaction():
        profile.measures.add(make_psfs([("Lifting", 3), ("Bending", 4), ("Sitting", 6)]))
        profile.journal.add(make_pain(2))
    assert len(profile.measures.responses()) == 1 and profile.journal.count() == 1


def test_nothing_outside_storage_touches_the_database_connection():
    offenders = []
    for path in (ROOT / "sb_desktop").rglob("*.py"):
        if "storage" in path.relative_to(ROOT / "sb_desktop").parts:
            continue
        text = path.read_text(encoding="utf-8")
        for needle in (".db.", ".db)", "Store(profile", "Store(p.", "Store(self.context"):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []


# --- pages and actions fail loudly ---

def test_every_page_builds_and_keeps_the_page_protocol(app_context, qtbot):
    from sb_desktop.ui.shell.main_window import MainWindow
    from sb_desktop.ui.shell.pages import Page, page_specs

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    for spec in page_specs():
        page = window.page(spec.key)
        assert isinstance(page, Page), spec.key


def test_a_page_that_cannot_import_fails_the_smoke_test(app_context, qtbot, monkeypatch, capsys):
    """A misspelled page module must not ship as an empty screen: the smoke test exits non-zero."""
    from sb_desktop.ui.shell import smoke
    from sb_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)

    def misspelled(context, parent):
        from sb_desktop.ui.goals.pgae import GoalsPage  # noqa: F401  (the typo under test)

    index = next(i for i, s in enumerate(window.specs) if s.key == "goals")
    window.specs[index] = window.specs[index]._replace(build=misspelled)
    monkeypatch.setattr(smoke, "smoke_audio", lambda: "audio skipped")
    assert smoke.smoke_test(window) == 1
    assert "page goals: ModuleNotFoundError: No module named 'sb_desktop.ui.goals.pgae'" in capsys.readouterr().err


def test_a_page_whose_refresh_raises_fails_the_smoke_test(app_context, qtbot, monkeypatch, capsys):
    from sb_desktop.ui.journal.page import JournalPage
    from sb_desktop.ui.shell import smoke
    from sb_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    monkeypatch.setattr(JournalPage, "refresh", lambda self: 1 / 0)
    monkeypatch.setattr(smoke, "smoke_audio", lambda: "audio skipped")
    assert smoke.smoke_test(window) == 1
    assert "page journal: ZeroDivisionError" in capsys.readouterr().err


def test_the_smoke_test_opens_every_menu_action(app_context, qtbot, monkeypatch):
    from sb_desktop.ui.shell import smoke
    from sb_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    triggered = []
    for key, action in window.extension_actions.items():
        action.triggered.connect(lambda _checked=False, k=key: triggered.append(k))
    monkeypatch.setattr(smoke, "smoke_audio", lambda: "audio skipped")
    assert smoke.smoke_test(window) == 0
    assert {"import", "export", "report", "flare_plan", "help:page"} <= set(triggered)


# --- one settings registry ---

def test_settings_are_declared_once_and_checked_on_read_and_write(profile):
    from sb_desktop.domain.settings import ALL_SETTINGS, AUTOLOCK_MINUTES, PROGRESS_RANGE, UNLOCK_DAYS

    keys = [s.key for s in ALL_SETTINGS]
    assert len(keys) == len(set(keys))
    with pytest.raises(UserError):
        profile.settings.write(UNLOCK_DAYS, 500)       # refused, never clamped
    with pytest.raises(UserError):
        profile.settings.write(UNLOCK_DAYS, "3")       # text is not a number
    assert profile.settings.read(UNLOCK_DAYS) == 7
    profile.settings.write(UNLOCK_DAYS, 3)
    assert profile.settings.read(UNLOCK_DAYS) == 3
    profile.settings.set(PROGRESS_RANGE.key, "forever")  # a value stored by something older or broken
    assert profile.settings.read(PROGRESS_RANGE) == PROGRESS_RANGE.default
    assert profile.settings.get(PROGRESS_RANGE.key) == "forever", "reading must change nothing"
    assert profile.settings.read(AUTOLOCK_MINUTES) is None


def test_no_module_names_a_settings_key_itself():
    from sb_desktop.domain.settings import ALL_SETTINGS

    settings_module = ROOT / "sb_desktop" / "domain" / "settings.py"
    for path in (ROOT / "sb_desktop").rglob("*.py"):
        if path == settings_module:
            continue
        text = path.read_text(encoding="utf-8")
        for setting in ALL_SETTINGS:
            for use in (f'settings.get("{setting.key}"', f'settings.set("{setting.key}"', f'_KEY = "{setting.key}"',
                        f'SETTING = "{setting.key}"'):
                assert use not in text, f"{path.relative_to(ROOT)} names the setting {setting.key}"


def test_auto_lock_is_computed_in_one_place():
    from sb_desktop.domain.clinic_config import ClinicConfig
    from sb_desktop.domain.settings import autolock_minutes

    home = ClinicConfig()
    assert autolock_minutes(None, encrypted=True, clinic=home) == 15
    assert autolock_minutes(None, encrypted=False, clinic=home) is None
    assert autolock_minutes(0, encrypted=True, clinic=home) is None
    capped = ClinicConfig(autolock_max_minutes=5)
    assert autolock_minutes(None, encrypted=False, clinic=capped) == 5
    assert autolock_minutes(30, encrypted=True, clinic=capped) == 5


# --- the light import is thread-safe ---

def test_a_thread_importing_numpy_while_sqlite_utils_loads_is_not_refused():
    code = """
import sys, threading
from sb_desktop.storage import _light_import as li
results = []
original = li._RefuseProbeInThread.find_spec
def spy(self, fullname, path=None, target=None):
    if not results and threading.get_ident() == self.thread_id:
        results.append("sqlite-utils importing")
        # The finder, asked from another thread while it is in place, lets that thread import as usual.
        other = []
        t = threading.Thread(target=lambda: other.append(original(self, "numpy")))
        t.start(); t.join()
        results.append("other thread allowed" if other == [None] else "other thread refused")
        def worker():
            try:
                import numpy
                results.append("numpy imported")
            except ImportError:
                results.append("numpy refused")
        workers.append(threading.Thread(target=worker)); workers[0].start()
    return original(self, fullname, path, target)
workers = []
li._RefuseProbeInThread.find_spec = spy
li.import_sqlite_utils_lightly()
import sqlite_utils
workers[0].join()
print(results)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "other thread allowed" in result.stdout
    assert "numpy imported" in result.stdout and "numpy refused" not in result.stdout


def test_loading_sqlite_utils_alone_does_not_load_numpy():
    code = ("import sys\nfrom sb_desktop.storage._light_import import import_sqlite_utils_lightly\n"
            "import_sqlite_utils_lightly()\nimport numpy\nprint('numpy' in sys.modules)")
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert imported.index("sqlite_utils") < imported.index("numpy"), "numpy was loaded by sqlite-utils' probe"
    assert result.stdout.strip() == "True"   # and it stays importable afterwards


# --- errors are visible, and the log holds no health data ---

def test_unexpected_window_errors_are_logged_without_health_data_and_shown(qtbot, tmp_path, monkeypatch):
    import logging

    from sb_desktop.applog import setup_logging
    from sb_desktop.ui.shell import errors

    log_file = setup_logging(tmp_path)
    shown = []
    monkeypatch.setattr(errors.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    try:
        raise ValueError("my secret note: pain 9 after gardening")
    except ValueError:
        errors.report_unexpected(*sys.exc_info())
    for handler in logging.getLogger("sb_desktop").handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError" in text and "test_architecture.py" in text
    assert "secret" not in text and "gardening" not in text
    assert shown and "safe" in shown[0]


def test_a_command_that_fails_unexpectedly_is_logged_beside_the_profiles(isolated_data_dir):
    from conftest import run_cli

    result = run_cli("add", "pain", "5", "--note", "private words", env={"SB_DESKTOP_DEBUG": ""})
    assert result.returncode == 0, result.stderr
    assert not (isolated_data_dir / "logs").exists(), "a run that logs nothing writes no log file"


# --- the linters that guard the shape ---

def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: it is one of the test extras")
    return found


def test_ruff_finds_nothing():
    result = subprocess.run([_tool("ruff"), "check", "sb_desktop", "tests", "build", "main.py"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold():
    """cli above app above ui above exchange and charts above storage and content above domain; no Qt
    outside ui/ and app.py; no network modules anywhere."""
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_mypy_passes_on_the_typed_packages():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"sb_desktop/domain"' in config and '"sb_desktop/storage"' in config  # the ratchet never shrinks
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr


def test_pyproject_lists_the_checkers_in_the_test_extras():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {json.dumps(item).split(">")[0].strip('"') for item in extras["test"]}
    assert {"ruff", "import-linter", "mypy"} <= names


def test_f1_opens_the_guide_for_the_page_in_view(app_context, qtbot):
    from PySide6.QtCore import Qt

    from sb_desktop.ui.help.dialog import HelpDialog
    from sb_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("journal")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialogs = [w for w in window.findChildren(HelpDialog) if w.isVisible()]
    assert dialogs and dialogs[-1].current_topic() == "journal"
    assert "Delete" in dialogs[-1].text.toPlainText() and "Ctrl+Z" in dialogs[-1].text.toPlainText()
    dialogs[-1].show_topic("shortcuts")
    assert "Ctrl+L" in dialogs[-1].text.toPlainText()
    dialogs[-1].close()
