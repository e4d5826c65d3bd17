"""The whole window as it starts for a person: red flags first on a new profile, reminders banner in place."""
import argparse

import pytest
from gui_start import start_gui


@pytest.mark.first_start_dialog
def test_red_flag_questions_come_first_on_a_new_profile(qtbot, monkeypatch, profiles):
    profiles.open("Sam").close()
    shown = []
    from sb_desktop.ui.safety import red_flags

    def fake_exec(dialog):
        shown.append(dialog.windowTitle())
        return 0
    monkeypatch.setattr(red_flags.RedFlagDialog, "exec", fake_exec)
    args = argparse.Namespace(profile=None, demo=False, smoke_test=False, quit_after_show=False)
    session, first, profile = start_gui(args)
    qtbot.addWidget(session.window)
    assert profile is not None and first is session.window
    qtbot.waitUntil(lambda: len(shown) == 1)


@pytest.mark.first_start_dialog
@pytest.mark.parametrize("run", ["smoke_test", "quit_after_show"])
def test_runs_that_must_not_wait_ask_nothing(qtbot, monkeypatch, profiles, run):
    """Smoke runs and start-up timing runs never show a modal question. A timing run still builds what a
    person's start builds (reminders included), so it times the real thing; a smoke run leaves reminders out."""
    from PySide6.QtWidgets import QApplication

    from sb_desktop.ui.safety import red_flags
    shown = []
    monkeypatch.setattr(red_flags.RedFlagDialog, "exec", lambda d: shown.append(d))
    args = argparse.Namespace(profile=None, demo=True, smoke_test=run == "smoke_test",
                              quit_after_show=run == "quit_after_show")
    session, first, profile = start_gui(args, interactive=False)
    qtbot.addWidget(session.window)
    QApplication.processEvents()
    assert profile is not None and shown == []
    if run == "smoke_test":
        assert session.reminders is None
    else:
        assert session.window.content.indexOf(session.reminders.banner_widget()) == 1   # below the safety notice


def test_reminder_banner_sits_above_the_pages(qtbot, profiles):
    profiles.open("Sam").close()
    args = argparse.Namespace(profile=None, demo=False, smoke_test=False, quit_after_show=False)
    session, first, profile = start_gui(args)
    qtbot.addWidget(session.window)
    banner = session.reminders.banner_widget()
    content = session.window.content
    # The safety notice comes first, then the reminder, then the pages.
    assert content.indexOf(session.safety_notice) == 0
    assert content.indexOf(banner) == 1
    assert content.indexOf(session.window.stack) == 2


def test_start_up_freezes_only_what_exists_before_any_profile_is_open(tmp_path):
    """run_gui hides the start-up heap from the garbage collector (gc.freeze). Frozen objects are never
    collected, so that must happen before a journal is read: no profile, no entry may exist by then.
    A process of its own, so that nothing other tests left behind is counted."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import gc, sys, types\n"
        "from sb_desktop import app, cli\n"
        "from sb_desktop.domain.entries import Entry\n"
        "from sb_desktop.storage.profiles import Profile\n"
        "real = gc.freeze\n"
        "def freeze():\n"
        "    print('journal objects at freeze:', sum(isinstance(o, (Profile, Entry)) for o in gc.get_objects()))\n"
        "    real()\n"
        "app.gc = types.SimpleNamespace(freeze=freeze)\n"
        "sys.exit(cli.main(['--demo', '--quit-after-show']))\n")
    environment = dict(os.environ, SB_DESKTOP_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment,
                            cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["journal objects at freeze: 0"]


def test_a_profile_opened_straight_away_builds_the_start_screen_only_when_locking(qtbot, monkeypatch, profiles,
                                                                                fast_kdf):
    profiles.create("Ann", passphrase="blue kettle morning")
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", "blue kettle morning")
    args = argparse.Namespace(profile="Ann", demo=False, smoke_test=True, quit_after_show=False)
    session, first, profile = start_gui(args, interactive=False)
    qtbot.addWidget(session.window)
    assert profile is not None and first is session.window
    assert session._start is None  # not built: nobody needed it yet
    session.lock()
    qtbot.addWidget(session.start)
    assert session.start.isVisible() and not session.window.isVisible()
    assert session.start.stack.currentWidget() is session.start.unlock_page
    assert session.context.profile is None
