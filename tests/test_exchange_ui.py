"""Import…, Export… and Save summary… dialogs: work off the main thread, progress, Cancel leaves nothing."""
import datetime as dt
import json
import threading
from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from test_import_apple_health import REAL_EXPORT, needs_real_export

from sb_desktop.exchange import detect
from sb_desktop.exchange.wearable import ImportCancelled
from sb_desktop.ui.common.long_task import LongTask
from sb_desktop.ui.exchange import dialogs as exchange_dialogs

SHOTS = Path("/tmp/shots/exchange")


def shot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_long_task_reports_progress_and_result_on_the_main_thread(qtbot):
    main = threading.get_ident()
    seen_threads = []

    def work(control):
        seen_threads.append(threading.get_ident())
        for n in range(5):
            control.report(n + 1, 5)
        return "done"

    task = LongTask(work)
    progress = []
    task.progress.connect(progress.append)
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as result:
        task.start()
    assert result.args == ["done"] and progress[-1] == 100 and seen_threads[0] != main


def test_long_task_cancel_and_failure_are_reported(qtbot):
    started = threading.Event()

    def slow(control):
        started.set()
        while True:
            control.check()
            threading.Event().wait(0.005)

    task = LongTask(slow)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.start()
        started.wait(5)
        task.cancel()

    def broken(control):
        raise detect.ImportFileError("The file is odd.")

    failing = LongTask(broken)
    with qtbot.waitSignal(failing.failed, timeout=10_000) as failed:
        failing.start()
    assert failed.args == ["The file is odd."]


@needs_real_export
def test_import_dialog_reads_real_export_then_imports_chosen_source(qtbot, app_context, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(REAL_EXPORT), ""))
    dialog = exchange_dialogs.open_import_dialog(app_context, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.parsed is not None, timeout=20_000)
    assert "Steps on 190 days" in dialog.summary.text() and "walking workouts" in dialog.summary.text()
    assert dialog.source_box.isVisible() and dialog.source_box.count() == 4
    assert app_context.profile.journal.count() == 0          # nothing written before Import
    shot(dialog, "import-summary")
    dialog.source_box.setCurrentIndex(dialog.source_box.findData("Jonathan’s iPhone"))
    with qtbot.waitSignal(app_context.journal_changed, timeout=5_000):
        dialog.import_button.click()
    journal = app_context.profile.journal
    assert journal.count() == 190 + len(dialog.parsed.other_entries)
    daily = {d: s for d, _m, s in journal.daily_activity()}
    assert daily[dt.date(2017, 3, 7)] == 670


def test_cancel_while_reading_leaves_nothing_and_says_so(qtbot, app_context, monkeypatch, tmp_path):
    reading = threading.Event()

    def slow_read(path, fmt=None, *, progress=None, cancelled=None):
        reading.set()
        n = 0
        while not cancelled():
            n += 1
            progress(n % 100, 100)
            threading.Event().wait(0.005)
        raise ImportCancelled()

    monkeypatch.setattr(detect, "read_import", slow_read)
    dialog = exchange_dialogs.ImportDialog(app_context, tmp_path / "big.zip")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.read()
    assert dialog.progress.isVisible() and dialog.cancel_button.text() == "Cancel"
    reading.wait(5)
    shot(dialog, "import-reading")
    with qtbot.waitSignal(dialog.task_done, timeout=10_000) as done:
        dialog.cancel_button.click()
    assert done.args == ["cancelled"] and "nothing was changed" in dialog.status.text()
    assert not dialog.import_button.isEnabled() and app_context.profile.journal.count() == 0


@needs_real_export
def test_bad_file_shows_one_clear_message_and_imports_nothing(qtbot, app_context, tmp_path):
    bad = tmp_path / "export.xml"
    bad.write_bytes(REAL_EXPORT.read_bytes()[:200_000])
    dialog = exchange_dialogs.ImportDialog(app_context, bad)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task_done, timeout=10_000) as done:
        dialog.read()
    assert done.args == ["failed"] and "truncated" in dialog.status.text()
    assert not dialog.import_button.isEnabled() and app_context.profile.journal.count() == 0
    dialog.show()
    shot(dialog, "import-error")


def test_export_dialog_writes_fhir_and_warns_it_is_not_encrypted(qtbot, app_context, tmp_path):
    from sb_desktop.domain.demo import demo_entries
    app_context.profile.journal.add_many(demo_entries(weeks=2))
    dialog = exchange_dialogs.open_export_dialog(app_context, None)
    qtbot.addWidget(dialog)
    assert any("not encrypted" in label.text() for label in dialog.findChildren(type(dialog.status)))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("fhir"))
    shot(dialog, "export")
    out = tmp_path / "bundle.json"
    with qtbot.waitSignal(dialog.task_done, timeout=20_000) as done:
        dialog.save(out)
    assert done.args == ["ok"] and "not encrypted" in dialog.message
    assert json.loads(out.read_text(encoding="utf-8"))["resourceType"] == "Bundle"


def test_report_dialog_saves_a_pdf_off_the_main_thread(qtbot, app_context, tmp_path):
    from sb_desktop.domain.demo import demo_entries
    app_context.profile.journal.add_many(demo_entries(weeks=6))
    dialog = exchange_dialogs.open_report_dialog(app_context, None)
    qtbot.addWidget(dialog)
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("letter"))
    shot(dialog, "report")
    out = tmp_path / "summary.pdf"
    statuses = []
    app_context.status.connect(statuses.append)
    with qtbot.waitSignal(dialog.task_done, timeout=60_000) as done:
        dialog.save(out)
    assert done.args == ["ok"] and out.read_bytes().startswith(b"%PDF")
    assert b"/MediaBox [0 0 612.00 792.00]" in out.read_bytes() and "not encrypted" in statuses[-1]


def test_file_menu_actions_open_the_dialogs(qtbot, app_context, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from sb_desktop.ui.shell.main_window import MainWindow
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert {"import", "export", "report"} <= set(window.extension_actions)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))   # the person cancels
    window.extension_actions["import"].trigger()
    window.extension_actions["report"].trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, exchange_dialogs.ReportDialog) and w.isVisible()]
    assert dialogs and dialogs[0].parent() is window
    dialogs[0].reject()
