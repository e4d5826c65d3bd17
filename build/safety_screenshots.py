"""Render the safety screens to PNG for a look by eye: the first check, its advice, the escalation notice
and a routine's start screen, in a 1366x768 window.

    QT_QPA_PLATFORM=offscreen python build/safety_screenshots.py OUT_DIR
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.5 python build/safety_screenshots.py OUT_DIR --suffix -150

Uses a throwaway data folder; nothing of a real profile is touched.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--suffix", default="")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SB_DESKTOP_DATA_DIR"] = tempfile.mkdtemp(prefix="sb-shots-")
    os.environ["SB_DESKTOP_CLINIC_CONFIG"] = str(Path(os.environ["SB_DESKTOP_DATA_DIR"]) / "no-clinic.json")

    from PySide6.QtWidgets import QApplication

    from sb_desktop.app import StartOptions, build_gui, make_application
    from sb_desktop.cli.context import CliContext
    from sb_desktop.ui.safety.red_flags import RedFlagDialog

    make_application()
    ctx = CliContext()
    ctx.profiles.open("Sam").close()
    options = StartOptions.from_args(argparse.Namespace(profile="Sam", demo=False, smoke_test=False,
                                                        quit_after_show=False))
    session, window, profile = build_gui(options, ctx.profiles, ctx.clinic, interactive=False)
    window.resize(1366, 768)
    window.show()

    def settle():
        for _ in range(5):
            QApplication.processEvents()

    def save(widget, name):
        settle()
        path = args.out / f"{name}{args.suffix}.png"
        widget.grab().save(str(path))
        print(path)

    window.show_page("sessions")
    save(window, "sessions-before-first-check")
    window.show_page("goals")
    save(window, "goals-before-first-check")
    dialog = RedFlagDialog(session.context, parent=window)
    dialog.show()
    save(dialog, "first-check")
    dialog.panel.answer("bladder_bowel", True)
    save(dialog, "first-check-advice")
    dialog.panel.advice.ack_button.click()
    for question in dialog.panel.questions:
        if question.id not in dialog.panel.answers:
            dialog.panel.answer(question.id, False)
    dialog.done_button.click()
    session.context.announce(session.context.changed and __import__(
        "sb_desktop.ui.common.context", fromlist=["Change"]).Change.SAFETY)
    window.show_page("today")
    save(window, "notice-today")
    window.show_page("sessions")
    save(window, "notice-sessions")
    session.context.run(lambda p: p.safety.resolve("assessed"),
                        changes=__import__("sb_desktop.ui.common.context", fromlist=["Change"]).Change.SAFETY)
    page = window.page("sessions")
    page.refresh()
    player = page.start_routine("back-level-1")
    save(window, "routine-start")
    if player is not None:
        player.stop_unwell()
        save(window, "routine-unwell")
    weekly = RedFlagDialog(session.context, "weekly", parent=window)
    weekly.show()
    weekly.panel.history_changed.setChecked(True)
    save(weekly, "weekly-check")
    weekly.close()
    session.context.close_profile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
