"""A first run that welcomes: what the app is, two ways in, and Enter doing the obvious thing."""
from PySide6.QtCore import Qt

from sb_desktop.ui.profiles.dialogs import CreateProfileDialog
from sb_desktop.ui.profiles.start_screen import StartScreen


def test_the_first_window_says_what_the_app_is_and_offers_two_ways_in(qtbot, profiles):
    screen = StartScreen(profiles)
    qtbot.addWidget(screen)
    screen.show_chooser()
    assert screen.empty_note.isVisibleTo(screen)
    from PySide6.QtWidgets import QLabel
    words = " ".join(label.text() for label in screen.empty_note.findChildren(QLabel))
    assert "low back pain" in words and "stays on this computer" in words
    assert screen.try_demo_button.isVisibleTo(screen) and screen.start_own_button.isVisibleTo(screen)
    assert not screen.open_button.isVisibleTo(screen)
    with qtbot.waitSignal(screen.opened) as opened:
        screen.try_demo_button.click()
    profile = opened.args[0]
    try:
        assert profile.name == "Demo" and profile.journal.count() > 50
    finally:
        profile.close()


def test_the_chooser_shows_which_profiles_have_a_passphrase(qtbot, profiles):
    profiles.open("Sam").close()
    profiles.create("Kim", encrypted=True, passphrase="correct horse battery")
    screen = StartScreen(profiles)
    qtbot.addWidget(screen)
    screen.show_chooser()
    labels = {screen.list.item(i).text() for i in range(screen.list.count())}
    assert "Sam" in labels and any(label.startswith("Kim") and "passphrase" in label for label in labels)
    screen.list.setCurrentRow([screen.list.item(i).text() for i in range(screen.list.count())].index(
        next(label for label in labels if label.startswith("Kim"))))
    assert screen.selected().name == "Kim" and screen.selected().encrypted


def test_enter_in_new_profile_creates_it(qtbot, profiles):
    dialog = CreateProfileDialog(profiles, False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.name, "Sam")
    dialog.no_passphrase.setChecked(True)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.created is not None and dialog.created.name == "Sam"
    assert profiles.find("Sam") is not None


def test_enter_with_a_missing_passphrase_explains_instead_of_cancelling(qtbot, profiles):
    dialog = CreateProfileDialog(profiles, False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.name, "Sam")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog) and "passphrase" in dialog.error.text()
    assert profiles.find("Sam") is None


def test_the_palettes_meet_wcag_aa_contrast():
    from sb_desktop.ui.common.style import DARK, LIGHT, contrast

    for colours in (LIGHT, DARK):
        for text, background in ((colours.text, colours.window), (colours.text, colours.card),
                                 (colours.quiet, colours.window), (colours.quiet, colours.card),
                                 (colours.on_accent, colours.accent), (colours.accent, colours.card),
                                 (colours.text, colours.soft)):
            assert contrast(text, background) >= 4.5, (colours, text, background)
        assert contrast(colours.focus, colours.card) >= 3.0       # a focus ring you can see (WCAG 1.4.11)


def test_the_window_follows_the_system_scheme_and_has_navigation_icons(qtbot, app_context):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from sb_desktop.ui.common.style import DARK, LIGHT, colours_for
    from sb_desktop.ui.shell.main_window import MainWindow

    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    assert colours_for(light) is LIGHT and colours_for(dark) is DARK
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert all(not window.nav.item(i).icon().isNull() for i in range(window.nav.count()))
    assert QApplication.instance() is not None


def test_one_date_style():
    import datetime as dt

    from sb_desktop.ui.common.style import day_date, long_date, short_date

    assert short_date(dt.date(2025, 3, 1)) == "1 Mar 2025"
    assert day_date(dt.date(2025, 5, 2)) == "Fri 2 May 2025"
    assert long_date(dt.date(2024, 12, 2)) == "Monday 2 December 2024"


def test_the_demo_story_holds_together(profile):
    """No entry later than the clock; the sessions are finished as far as the goals say the person has come."""
    import datetime as dt

    from sb_desktop.domain.settings import DEFAULT_PACK_ID
    from sb_desktop.storage.demo import demo_goals, fill_demo

    now = dt.datetime(2026, 12, 2, 9, 30)
    fill_demo(profile, now=now)
    latest = profile.journal.entries()[0]
    assert (latest.date, latest.time) <= (now.date(), now.time())
    progress = profile.sessions(DEFAULT_PACK_ID).progress()
    finished = sorted(p.finished_at[:10] for p in progress.values() if p.finished_at)
    assert len(finished) == 6
    first_goal = demo_goals(now.date())[0]
    assert finished[0] < first_goal.start_date.isoformat() <= finished[1]   # session 1 set the first goal
    assert profile.sessions(DEFAULT_PACK_ID).programme_choice().level == demo_goals(now.date())[-1].level


def test_today_shows_the_clinics_contact_details_when_it_gives_them(qtbot, app_context):
    from sb_desktop.domain.clinic_config import ClinicConfig, ClinicContact
    from sb_desktop.ui.today.page import TodayPage

    page = TodayPage(app_context)
    qtbot.addWidget(page)
    assert not page.contact.isVisibleTo(page)                      # a personal computer: nothing to show
    app_context.clinic = ClinicConfig(site_name="Riverside Health Centre",
                                      contact=ClinicContact(phone="01632 960000", email="physio@example.org"))
    page = TodayPage(app_context)
    qtbot.addWidget(page)
    assert page.contact.isVisibleTo(page)
    assert "Riverside Health Centre" in page.contact.text() and "01632 960000" in page.contact.text()


def test_enter_never_presses_cancel_in_the_apps_dialogs(qtbot, app_context):
    """The dialog fitter (installed on the app after the first paint) makes the button that does the work the
    default, never Cancel: the function check's Cancel had been the default button."""
    from PySide6.QtWidgets import QDialogButtonBox

    from sb_desktop.ui.common.fit import never_cancel_on_enter
    from sb_desktop.ui.goals.dialogs import FunctionCheckDialog

    dialog = FunctionCheckDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    never_cancel_on_enter(dialog)
    [box] = dialog.findChildren(QDialogButtonBox)
    defaults = [b for b in box.buttons() if b.isDefault()]
    assert defaults and all(box.buttonRole(b) != QDialogButtonBox.ButtonRole.RejectRole for b in defaults)
    assert not any(b.autoDefault() for b in box.buttons()
                   if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole)


def test_the_demo_person_answered_the_first_safety_questions_but_a_persons_own_profile_never_is(profiles, tmp_path):
    """The Demo profile opens on Today with its programme open (its sessions are finished, so its first check was
    done when it began); the `demo` command fills a person's own profile without answering for them."""
    import datetime as dt

    from conftest import run_cli

    from sb_desktop.domain.safety import FIRST_START
    from sb_desktop.storage.demo import demo_sessions, open_demo_profile

    demo = open_demo_profile(profiles)
    checks = demo.safety.checks()
    assert demo.safety.status().first_check_complete and [c.context for c in checks] == [FIRST_START]
    assert checks[0].escalation == "none"
    began = min(day for _id, day in demo_sessions(dt.date.today()))
    assert checks[0].completed_at[:10] <= began.isoformat()
    demo.close()
    env = {"SB_DESKTOP_DATA_DIR": str(tmp_path)}
    assert run_cli("profiles", "create", "--no-passphrase", "Sam", env=env).returncode == 0
    assert run_cli("--profile", "Sam", "demo", env=env).returncode == 0
    status = run_cli("--profile", "Sam", "safety", "status", "--json", env=env)
    assert status.returncode == 0, status.stderr
    import json
    assert json.loads(status.stdout)["first_check_complete"] is False
