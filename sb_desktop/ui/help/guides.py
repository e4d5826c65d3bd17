"""The help texts, in plain words: one short guide per page, the keyboard shortcuts, and what each measure means.

Markdown, shown by the help window; every text goes through gettext like the rest of the app."""
from __future__ import annotations

from sb_desktop.i18n import _


def page_guides() -> dict[str, tuple[str, str]]:
    """Page key -> (title, Markdown)."""
    return {
        "today": (_("Today"), _(
            "**Today** is for a quick check-in. It takes less than a minute.\n\n"
            "1. Under *How is your back right now?*, pick a number from 0 (no pain) to 10 (the worst pain you "
            "can imagine), then press **Save pain rating**.\n"
            "2. Under *What activity did you do?*, choose walking, exercises or something else, and how many "
            "minutes. Press **Save activity**.\n\n"
            "Two numbers a day are enough. Over a few weeks they show how your activity and your back move "
            "together. You can add more than one rating or activity a day.")),
        "journal": (_("Journal"), _(
            "The **Journal** lists everything you have recorded, newest first.\n\n"
            "- To change an entry, select it and press **Enter** (or double-click it).\n"
            "- To remove an entry, select it and press **Delete**. If that was a slip, press **Ctrl+Z** to "
            "bring it back.\n"
            "- Steps from a phone or watch appear here after you import them (File, Import).")),
        "progress": (_("Progress"), _(
            "**Progress** shows your pain and your activity on one time line.\n\n"
            "- Choose how far back to look: 4 weeks, 3 months, 1 year or all.\n"
            "- The cards say in plain words what your own data shows, and how sure the app can be. They "
            "never claim that one thing caused another.\n"
            "- A little more soreness the day after doing more is common and is not harm. The weeks view "
            "shows the longer picture.\n"
            "- **Show as table** gives the same numbers without the chart.")),
        "sessions": (_("Sessions"), _(
            "**Sessions** is the six-week programme. Each session takes about 10 to 15 minutes.\n\n"
            "- Session 1 is open now. The next one opens a week after you finish the one before.\n"
            "- Press **Play** under a page to hear it read aloud. The text says the same as the recording.\n"
            "- **Extra topics** (sleep, work, flare-ups and more) are open at any time.\n"
            "- The exercise routine for your level guides you step by step, with a timer. It shows when to "
            "stop, and **Stop, I feel unwell** ends it at once and says what to do.\n"
            "- **See each exercise, with spoken steps** shows every exercise's picture and steps, and reads "
            "them out when you press Play.\n"
            "- If you cannot get down to the floor, the function check makes sure you are offered chair and "
            "standing routines only.\n"
            "- A few safety questions come first: the sessions open once they are answered.")),
        "goals": (_("Goals"), _(
            "**Goals** is where you set a small, realistic goal for the week and look back at it.\n\n"
            "- A good goal says what, how much and on which days. Start smaller than you think.\n"
            "- Once a week the **weekly review** asks how it went. Whatever happened, it helps you choose "
            "the next step: keep the goal, make it a little bigger, or make it smaller. It starts with a few "
            "safety questions about anything new.\n"
            "- The short questionnaires here help you and your clinician see change over time.")),
        "settings": (_("Settings"), _(
            "**Settings** holds how the app behaves for you.\n\n"
            "- **Lock automatically**: how many idle minutes before the app hides your journal and asks for "
            "your passphrase again.\n"
            "- **Reminders**: a daily nudge to check in. Reminders only appear while the app is running.\n"
            "- **Backups**: the app keeps copies of your journal on this computer; **Back up now** makes one "
            "straight away.")),
    }


def shortcuts_text() -> str:
    rows = [
        (_("Go to Today, Journal, Progress, Sessions, Goals, Settings"), "Ctrl+1 … Ctrl+6"),
        (_("Help for the page you are on"), "F1"),
        (_("Undo, redo"), "Ctrl+Z, Ctrl+Shift+Z"),
        (_("Edit or delete the selected journal entry"), _("Enter, Delete")),
        (_("Flare-up plan"), "Ctrl+F"),
        (_("Import, export, summary for an appointment"), "Ctrl+I, Ctrl+E, Ctrl+P"),
        (_("Lock the app now"), "Ctrl+L"),
        (_("Chart range: 4 weeks, 3 months, 1 year, all"), "Alt+1 … Alt+4"),
        (_("Show the chart as a table, and back"), "Alt+T"),
        (_("In a session: previous page, next page, back to the list"), _("Alt+Left, Alt+Right, Esc")),
        (_("Play or pause the narration"), "Ctrl+Space"),
        (_("Move between controls"), _("Tab, Shift+Tab")),
        (_("Quit"), "Ctrl+Q"),
    ]
    table = "\n".join(f"| {what} | {keys} |" for what, keys in rows)
    return _("You can do everything with the keyboard.") + "\n\n| " + _("What") + " | " + _("Keys") + \
        " |\n| --- | --- |\n" + table + "\n"


def measures_text() -> str:
    return _(
        "**Pain rating (0 to 10).** 0 means no pain and 10 the worst pain you can imagine. There is no right "
        "answer: use the number that feels right to you now.\n\n"
        "**Soreness after activity.** Pain you rate straight after exercise is kept apart from your everyday "
        "pain, because a little soreness after moving more is expected and settles.\n\n"
        "**Activity.** Minutes of walking or exercise, or steps from a phone or watch. The app uses whichever "
        "you record more often.\n\n"
        "**Activities you find hard (PSFS).** You name three to five everyday activities that your back makes "
        "hard and rate how well you can do each one from 0 (cannot do it) to 10 (as well as before). Higher "
        "numbers mean things are getting easier.\n\n"
        "**Compared with when you started.** One question, seven answers, from *much worse* to *much better*.\n\n"
        "**STarT Back.** An optional set of nine questions that helps the programme choose which topics to "
        "suggest to you. It is not a diagnosis.\n\n"
        "**How sure the app is.** Words like *a first sign* or *a clear pattern* say how strongly your own "
        "data points one way. They describe your data; they never say what caused what.")
