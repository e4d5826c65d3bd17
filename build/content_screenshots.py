"""Render the content pack's topic pages and the exercise guide on the Sessions page to PNG, for a look by eye.

    QT_QPA_PLATFORM=offscreen python build/content_screenshots.py OUT_DIR [--pages ID ...]
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.5 python build/content_screenshots.py OUT_DIR --suffix -150

By default: every page of the sciatica, feared-movements and worry topics, the sleep plan, and the exercise
guide. Uses a throwaway data folder with the first safety check answered "no"; nothing real is touched.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_MODULES = ("leg-pain", "feared-movements", "worry")
DEFAULT_PAGES = ("sleep-sleep-plan",)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--suffix", default="")
    parser.add_argument("--pages", nargs="*", help="page ids to render instead of the default set")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SB_DESKTOP_DATA_DIR"] = tempfile.mkdtemp(prefix="sb-shots-")
    os.environ["SB_DESKTOP_CLINIC_CONFIG"] = str(Path(os.environ["SB_DESKTOP_DATA_DIR"]) / "no-clinic.json")

    from PySide6.QtWidgets import QApplication

    from sb_desktop.app import StartOptions, build_gui, make_application
    from sb_desktop.cli.context import CliContext
    from sb_desktop.domain.safety import questions_for

    make_application()
    ctx = CliContext()
    profile = ctx.profiles.open("Sam")
    with profile.transaction():
        profile.safety.record_check({q.id: False for q in questions_for("first")})
    profile.close()
    options = StartOptions.from_args(argparse.Namespace(profile="Sam", demo=False, smoke_test=False,
                                                        quit_after_show=False))
    session, window, _profile = build_gui(options, ctx.profiles, ctx.clinic, interactive=False)
    # At 150% text the same screen holds fewer logical pixels: never make the window larger than the screen.
    screen = QApplication.primaryScreen().availableGeometry()
    window.resize(min(args.width, screen.width()), min(args.height, screen.height()))
    window.show()

    def save(name):
        for _ in range(5):
            QApplication.processEvents()
        path = args.out / f"{name}{args.suffix}.png"
        window.grab().save(str(path))
        print(path)

    window.show_page("sessions")
    page = window.page("sessions")
    page.refresh()
    save("sessions-overview")
    wanted = args.pages
    if wanted is None:
        wanted = [p.id for m in DEFAULT_MODULES for p in page.pack.module(m).pages] + list(DEFAULT_PAGES)
    for page_id in wanted:
        page._go_to_page_id(page_id)
        save(f"page-{page_id}")
    page.show_overview()
    guide = page.show_exercises("knee-rolls")
    if guide is not None:
        save("exercise-guide")
    session.context.close_profile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
