"""The Sessions page driven offscreen: unlocking, resume, choices, topics and safe page rendering."""
import datetime as dt

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from sessions_packs import make_pack

from sb_desktop.domain.programme import FINISHED, LOCKED
from sb_desktop.domain.settings import CONTENT_PACK
from sb_desktop.storage.sessions import SessionStore
from sb_desktop.ui.sessions.page import SessionsPage


@pytest.fixture
def pack_root(isolated_data_dir, profile, app_context):
    # A clinic-installed pack in <data dir>/content/, chosen by the profile setting; such packs apply only
    # where the clinic configuration allows them.
    from sb_desktop.domain.clinic_config import parse_clinic_config
    root = make_pack(isolated_data_dir / "content" / "test-pack")
    profile.settings.write(CONTENT_PACK, "test-pack")
    app_context.clinic = parse_clinic_config({"version": 1, "allow_user_content_packs": True},
                                             source=isolated_data_dir / "clinic.json")
    return root


class Clock:
    def __init__(self, day):
        self.day = day

    def __call__(self):
        return self.day


def make_page(qtbot, app_context, clock=None):
    page = SessionsPage(app_context, today=clock)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def read_to_the_end(page):
    while page.stack.currentIndex() == page.READER:
        page.next_page()


def test_session_one_is_open_and_the_rest_are_locked(qtbot, app_context, pack_root):
    page = make_page(qtbot, app_context)
    assert page.session_buttons["session-1"].isEnabled()
    assert page.session_buttons["session-1"].text() == "Start"
    assert not page.session_buttons["session-2"].isEnabled()
    assert not page.session_buttons["session-3"].isEnabled()


def test_finishing_a_session_unlocks_the_next_a_week_later(qtbot, app_context, pack_root, profile):
    clock = Clock(dt.date.today())
    page = make_page(qtbot, app_context, clock)
    page.open_session("session-1")
    assert page.stack.currentIndex() == page.READER
    with qtbot.waitSignal(app_context.status) as status:
        read_to_the_end(page)
    assert "Session 2 opens on" in status.args[0]
    assert page.stack.currentIndex() == page.OVERVIEW
    states = {s.session_id: s for s in page.states()}
    assert states["session-1"].status == FINISHED and states["session-2"].status == LOCKED
    assert states["session-2"].unlock_date == dt.date.today() + dt.timedelta(days=7)
    assert not page.session_buttons["session-2"].isEnabled()
    page.open_session("session-2")   # a locked session cannot be opened by any route
    assert page.stack.currentIndex() == page.OVERVIEW

    clock.day = dt.date.today() + dt.timedelta(days=7)
    page.refresh()
    assert page.session_buttons["session-2"].isEnabled()
    # The finished session stays readable and is not un-finished by reading it again.
    assert page.session_buttons["session-1"].text() == "Read again"
    page.open_session("session-1")
    assert page.page_index == 0
    page.show_overview()
    assert SessionStore(profile.db, "test-pack").get("session-1").finished_at is not None


def test_the_interval_is_a_setting_and_a_clinic_can_fix_it(qtbot, app_context, pack_root, profile):
    profile.settings.set("sessions.unlock_days", 0)
    page = make_page(qtbot, app_context)
    app_context.clinic = None   # the pack is loaded; from here on a person's own computer
    page.open_session("session-1")
    read_to_the_end(page)
    assert page.session_buttons["session-2"].isEnabled()
    from sb_desktop.domain.clinic_config import parse_clinic_config
    app_context.clinic = parse_clinic_config({"version": 1, "session_unlock_days": 14}, source=pack_root)
    assert page.unlock_days() == 14
    app_context.clinic = parse_clinic_config({"version": 1})   # no file: a person's own computer
    assert page.unlock_days() == 0


def test_resume_where_the_person_stopped_after_a_restart(qtbot, app_context, pack_root):
    page = make_page(qtbot, app_context)
    page.open_session("session-1")
    page.next_page()
    assert page.page_index == 1
    page.show_overview()
    page.close()

    again = make_page(qtbot, app_context)   # as after restarting the app
    card_text = [w.text() for w in again.overview_area.widget().findChildren(type(again.crumb))]
    assert "In progress: page 2 of 3" in card_text
    assert again.session_buttons["session-1"].text() == "Continue"
    again.open_session("session-1")
    assert again.page_index == 1 and again.current_page.id == "s1-choose"


def test_choose_programme_and_level_is_stored(qtbot, app_context, pack_root, profile):
    page = make_page(qtbot, app_context)
    page.open_session("session-1", 1)
    chooser = page.programme_chooser
    assert chooser is not None
    chooser.select_programme("back-exercises")
    chooser.select_level(0)
    chooser.save_button.click()
    choice = SessionStore(profile.db, "test-pack").programme_choice()
    assert (choice.programme, choice.level, choice.session_id) == ("back-exercises", 0, "session-1")
    assert "Saved" in chooser.confirmation.text()
    assert not page.try_routine_button.isHidden()
    page.show_overview()
    assert page.routine_choice.currentData() == "back-level-0"


def test_goal_pages_send_the_person_to_the_goals_page(qtbot, app_context, pack_root):
    page = make_page(qtbot, app_context)
    page.open_session("session-1", 2)
    assert page.action_button.text().startswith("Set your goal")
    with qtbot.waitSignal(app_context.navigate) as navigated:
        page.action_button.click()
    assert navigated.args == ["goals"]


def test_choose_a_module_and_modules_are_always_open(qtbot, app_context, pack_root, profile):
    SessionStore(profile.db, "test-pack").finish("session-1", at="2026-01-01T10:00:00+00:00")
    page = make_page(qtbot, app_context)
    page.open_session("session-2", 1)
    page.module_chooser.select("hurt-not-harm")
    page.module_chooser.save_button.click()
    assert SessionStore(profile.db, "test-pack").module_for_session("session-2") == "hurt-not-harm"
    page.show_overview()
    page.open_module("sleep")   # extra topics open whatever the session state
    assert page.current_page.id == "sleep-1" and page.next_button.text().startswith("Done")
    page.next_page()
    assert page.stack.currentIndex() == page.OVERVIEW


def test_page_illustrations_are_shown(qtbot, app_context, pack_root):
    page = make_page(qtbot, app_context)
    page.open_session("session-1")
    html = page.browser.toHtml()
    assert '<img src="pack:/images/a.svg"' in html          # the page's own illustration, from the manifest
    assert '<img src="../../images/a.svg"' in html          # and the one inside its Markdown


def test_links_to_pack_pages_open_in_the_app(qtbot, app_context, pack_root):
    page = make_page(qtbot, app_context)
    page.open_session("session-1")
    page.browser.anchorClicked.emit(QUrl("page:s1-choose"))
    assert page.current_page.id == "s1-choose"
    page.show_page(0)
    page.browser.anchorClicked.emit(QUrl("../modules/sleep-1.md"))
    assert page.current_page.id == "sleep-1"


def test_the_page_browser_serves_only_files_inside_the_pack(qtbot, app_context, pack_root, tmp_path):
    outside = tmp_path / "private.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    page = make_page(qtbot, app_context)
    page.open_session("session-1")
    browser = page.browser
    image = QTextDocument.ResourceType.ImageResource.value
    assert not browser.loadResource(image, QUrl("../../images/a.svg")).isNull()
    assert not browser.loadResource(image, QUrl("pack:/images/a.svg")).isNull()
    for hostile in (QUrl.fromLocalFile(str(outside)), QUrl("../../../private.png"), QUrl("http://example.com/x.png"),
                    QUrl("file:///etc/passwd"), QUrl("pack:/../private.png")):
        with qtbot.waitSignal(browser.blocked):
            # An empty image, never None: on None Qt reads the file from disk itself (issue #18).
            assert browser.loadResource(image, hostile).isNull()
    # Links to other local files are never opened, and openLinks stays off.
    assert not browser.openLinks()
    with qtbot.waitSignal(browser.blocked):
        browser.anchorClicked.emit(QUrl.fromLocalFile(str(outside)))
    assert page.current_page.id == "s1-welcome"


def test_web_links_open_only_after_the_person_agrees(qtbot, app_context, pack_root, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    opened = []
    monkeypatch.setattr("sb_desktop.ui.sessions.content_browser.QDesktopServices.openUrl", lambda url: opened.append(url))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page = make_page(qtbot, app_context)
    page.open_session("session-1")
    page.browser.anchorClicked.emit(QUrl("https://example.com/"))
    assert opened == []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    page.browser.anchorClicked.emit(QUrl("https://example.com/"))
    assert [u.toString() for u in opened] == ["https://example.com/"]


def test_a_clinic_chooses_the_pack(qtbot, app_context, pack_root, profile):
    from sb_desktop.domain.clinic_config import parse_clinic_config
    profile.settings.write(CONTENT_PACK, "supportback-en")
    app_context.clinic = parse_clinic_config({"version": 1, "content_pack": "test-pack",
                                              "allow_user_content_packs": True}, source=pack_root)
    page = make_page(qtbot, app_context)
    assert page.pack.id == "test-pack"


def test_a_broken_pack_shows_a_clear_message_not_a_crash(qtbot, app_context, pack_root):
    (pack_root / "pages" / "s1" / "01.md").unlink()
    page = make_page(qtbot, app_context)
    assert page.pack is None and "01.md" in page.load_error
    labels = " ".join(w.text() for w in page.overview_area.widget().findChildren(type(page.crumb)))
    assert "content pack has a problem" in labels


def test_closing_the_profile_drops_everything(qtbot, app_context, pack_root):
    page = make_page(qtbot, app_context)
    page.open_session("session-1")
    app_context.close_profile()
    assert page.pack is None and page.store is None and page.group is None
    assert page.browser.toPlainText() == ""
    assert page.stack.currentIndex() == page.OVERVIEW


def test_the_function_check_marks_suggested_levels(qtbot, app_context, pack_root, profile):
    from sb_desktop.domain.function_check import as_response, score
    from sb_desktop.storage.measures import QuestionnaireStore
    result = score({"walk": 2, "chair": 1, "floor": 1, "daily": 1})
    QuestionnaireStore(profile.db).add(as_response(result))
    page = make_page(qtbot, app_context)
    page.open_session("session-1", 1)
    chooser = page.programme_chooser
    chooser.select_programme("walking")
    labels = [chooser.level.itemText(i) for i in range(chooser.level.count())]
    low, high = result.walking
    assert [("suggested for you" in text) for text in labels] == [low <= n <= high for n in range(5)]
    assert chooser.level.currentData() == low   # the first suggested level is preselected


def test_pages_can_be_turned_by_keyboard(qtbot, app_context, pack_root):
    from PySide6.QtCore import Qt
    page = make_page(qtbot, app_context)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.session_buttons["session-1"].setFocus()
    qtbot.keyClick(page.session_buttons["session-1"], Qt.Key.Key_Space)
    assert page.stack.currentIndex() == page.READER and page.focusWidget() is page.browser
    qtbot.keyClick(page.browser, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.page_index == 1
    qtbot.keyClick(page.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.page_index == 0
    qtbot.keyClick(page.browser, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == page.OVERVIEW
