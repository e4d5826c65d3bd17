"""`--smoke-test`: show every page once and load one narration file; any failure is a non-zero exit."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sb_desktop.i18n import _
from sb_desktop.resources import resource_path


def smoke_test(window, *, screenshots: Path | None = None) -> int:
    """Show every page once and open every menu action's dialog (dismissed at once), then load one narration
    file with the real audio backend. Any exception, raised directly or inside a Qt slot, fails the run.
    Audio that cannot be played here is reported, not failed: the app then shows text instead."""
    app = QApplication.instance()
    failures: list[str] = []
    doing = ["start"]   # what the run was doing, to name it in a failure raised inside a Qt slot
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, error, tb: failures.append(f"{doing[0]}: {kind.__name__}: {error}")
    dismisser = QTimer()
    dismisser.setInterval(20)
    dismisser.timeout.connect(_dismiss_modal)
    try:
        for spec in window.specs:
            doing[0] = f"page {spec.key}"
            try:
                window.show_page(spec.key)
                app.processEvents()
                app.processEvents()  # a second pass runs what the first one queued (draw_idle, single shots)
                _draw_charts_now(window.pages.get(spec.key), failures, doing[0])
            except Exception as error:  # reported below as a failure of this page
                failures.append(f"page {spec.key}: {type(error).__name__}: {error}")
                continue
            if window.stack.currentWidget() is not window.pages.get(spec.key) and not failures:
                failures.append(f"page {spec.key} did not show")
        window.show_page(window.specs[0].key)
        dismisser.start()
        for key, action in window.extension_actions.items():
            if key in ("lock", "switch", "help:shortcuts", "help:measures"):
                continue
            doing[0] = f"action {key}"
            try:
                action.trigger()
                app.processEvents()
            except Exception as error:
                failures.append(f"action {key}: {type(error).__name__}: {error}")
    finally:
        dismisser.stop()
        sys.excepthook = previous_hook
    if screenshots is not None and not failures:
        failures += take_screenshots(window, screenshots)
    if failures:
        for failure in failures:
            print(f"smoke test: {failure}", file=sys.stderr)
        return 1
    print(smoke_audio())
    print(_("Smoke test passed: {n} pages shown.").format(n=len(window.specs)))
    return 0


def _draw_charts_now(page, failures: list[str], doing: str) -> None:
    """Draw the page's matplotlib canvases now: their idle draw prints an exception and swallows it, so a
    chart that cannot be drawn (e.g. from impossible stored dates) would otherwise pass unseen."""
    from PySide6.QtWidgets import QWidget

    if page is None:
        return
    for widget in [page, *page.findChildren(QWidget)]:
        if hasattr(widget, "figure") and callable(getattr(widget, "draw", None)):
            try:
                widget.draw()
            except Exception as error:  # any exception fails the smoke test, named with its page
                failures.append(f"{doing}: {type(error).__name__}: {error}")


def take_screenshots(window, folder: Path) -> list[str]:
    """Render every page and every dialog to PNG files in `folder` and describe them in folder/index.json
    (name, kind, width, height, fits_screen). Returns what failed (a dialog that raised while being built)."""
    import json

    from sb_desktop.ui.common.fit import fit_to_screen, fits_screen, never_cancel_on_enter
    from sb_desktop.ui.shell.screens import dialog_specs

    app = QApplication.instance()
    folder.mkdir(parents=True, exist_ok=True)
    index, failures = [], []

    def record(name: str, kind: str, widget) -> None:
        widget.grab().save(str(folder / f"{kind}-{name}.png"))
        index.append({"name": name, "kind": kind, "width": widget.width(), "height": widget.height(),
                      "fits_screen": fits_screen(widget)})

    for spec in window.specs:
        window.show_page(spec.key)
        app.processEvents()
        record(spec.key, "page", window)
    for spec in dialog_specs():
        try:
            dialog = spec.build(window.context, window)
            dialog.show()
            never_cancel_on_enter(dialog)   # as the app's dialog fitter does when a dialog is shown
            fit_to_screen(dialog)
            app.processEvents()
            record(spec.name, "dialog", dialog)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
        except Exception as error:  # reported as a failure of the smoke test, never hidden
            failures.append(f"dialog {spec.name}: {type(error).__name__}: {error}")
    (folder / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return failures


def _dismiss_modal() -> None:
    """Close whatever modal dialog an action opened (the smoke test only checks that it opens)."""
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        dialog.close()


def smoke_audio(timeout_ms: int = 10_000) -> str:
    """One line saying whether a bundled narration file loads through QtMultimedia (its FFmpeg backend
    reads the file and reports its length; no sound device is needed for that)."""
    from PySide6.QtCore import QEventLoop

    from sb_desktop.ui.sessions.narration_player import AudioPlayer

    recording = next(iter(sorted(resource_path("content").rglob("*.ogg"))), None)
    if recording is None:
        return _("Narration audio: no recording is bundled.")
    player, loop, outcome = AudioPlayer(), QEventLoop(), {}

    def finish(key, value):
        outcome.setdefault(key, value)
        loop.quit()

    player.duration_changed.connect(lambda ms: finish("ms", ms) if ms > 0 else None)
    player.unavailable.connect(lambda reason: finish("reason", reason))
    if player.load(recording) and not outcome:
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    player.load(None)
    if "ms" in outcome:
        return _("Narration audio: loaded {name} ({seconds:.1f} s).").format(name=recording.name,
                                                                            seconds=outcome["ms"] / 1000)
    reason = outcome.get("reason") or player.failed_reason or _("The recording did not load within {s} s.").format(
        s=timeout_ms // 1000)
    return _("Narration audio: not available here. {reason}").format(reason=reason)
