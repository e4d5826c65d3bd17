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
