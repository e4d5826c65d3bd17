"""Red flags: escalation rules, configurable advice, and every answer recorded with its time."""
import pytest as _pytest

from sb_desktop.domain.safety import (
    EMERGENCY,
    FIRST_START,
    NONE,
    ROUTINE,
    URGENT,
    FlarePlan,
    advice_for,
    escalation,
    red_flag_questions,
    yes_questions,
)
from sb_desktop.storage.safety import FlarePlanStore, SafetyStore

pytestmark = _pytest.mark.first_check_pending   # these tests are about the first check itself


def test_cauda_equina_signs_lead_to_a_and_e_and_the_rest_to_an_urgent_gp():
    questions = red_flag_questions()
    emergency = {q.id for q in questions if q.level == EMERGENCY}
    assert {"bladder_bowel", "saddle_numbness", "leg_weakness", "both_legs", "sexual_function"} == emergency
    assert len([q for q in questions if q.level == URGENT]) == 9
    assert [q.id for q in questions if q.level == ROUTINE] == ["no_improvement"]
    assert escalation({}) == NONE
    assert escalation({"fever": True, "cancer": False}) == URGENT
    assert escalation({"fever": True, "saddle_numbness": True}) == EMERGENCY
    assert [q.id for q in yes_questions({"fever": True, "both_legs": True})] == ["both_legs", "fever"]


def test_uk_advice_by_default_and_clinic_wording_overrides_it():
    emergency = advice_for(EMERGENCY)
    assert "A&E" in emergency.text and "999" in emergency.text
    urgent = advice_for(URGENT)
    assert "NHS 111" in urgent.text and "appointment today" in urgent.text
    assert advice_for(NONE) is None

    class Clinic:
        emergency_number = "112"
        emergency_advice = "Go to the emergency department now or call {number}."
        urgent_service = "  "   # blank values fall back to the default

    local = advice_for(EMERGENCY, Clinic())
    assert local.text == "Go to the emergency department now or call 112."
    assert advice_for(URGENT, {"urgent_number": "116 117", "urgent_service": "Bereitschaftsdienst"}).number == "116 117"
    # A clinic that sets any service keeps the UK names out of everything it did not set.
    assert advice_for(URGENT, Clinic()).service != "NHS 111" and "111" not in advice_for(URGENT, Clinic()).text


def test_answers_are_recorded_with_time_and_escalation_never_drops(profile):
    store = SafetyStore(profile.db)
    check = store.start_check(FIRST_START)
    check = store.record_answer(check.id, "fever", True, at="2026-11-25T10:00:00+00:00")
    assert check.escalation == URGENT and check.advice_pending
    assert check.answers["fever"] == {"yes": True, "at": "2026-11-25T10:00:00+00:00"}
    check = store.record_answer(check.id, "bladder_bowel", True)
    assert check.escalation == EMERGENCY
    check = store.record_answer(check.id, "bladder_bowel", False)
    assert check.escalation == EMERGENCY, "a changed answer keeps the advice on record"
    assert store.pending_advice().id == check.id
    store.mark_advice_seen(check.id)
    assert store.pending_advice() is None
    assert not store.has_completed(FIRST_START)
    store.complete(check.id)
    assert store.has_completed(FIRST_START)


def test_flare_plan_is_saved_and_read_back(profile):
    store = FlarePlanStore(profile.db)
    assert store.get().is_empty
    saved = store.save(FlarePlan(helps="Heat pad, short walks", avoid="Staying in bed all day",
                                 contacts="GP surgery 01234 567890", get_help="If I cannot pass urine: A&E"))
    assert saved.helps == "Heat pad, short walks" and saved.updated_at
    assert not store.get().is_empty


# --- the red-flag screen (pytest-qt) ---

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from sb_desktop.domain.safety import WEEKLY  # noqa: E402


def _dialog(qtbot, app_context, **kwargs):
    from sb_desktop.ui.safety.red_flags import RedFlagDialog
    dialog = RedFlagDialog(app_context, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_yes_shows_emergency_advice_at_once_before_anything_else(qtbot, app_context, profile):
    dialog = _dialog(qtbot, app_context)
    panel = dialog.panel
    assert not panel.advice_showing and not dialog.done_button.isEnabled()
    yes = panel.groups["bladder_bowel"].button(1)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    # the advice replaced the questions: nothing else is on screen, nothing to scroll past
    assert panel.advice_showing and panel.advice.isVisible() and not panel.questions_page.isVisible()
    assert "A&E" in panel.advice.text.text() and "999" in panel.advice.number.text()
    assert not dialog.done_button.isEnabled()
    # recorded with its time the moment it was given
    check = SafetyStore(profile.db).checks()[0]
    assert check.answers["bladder_bowel"]["yes"] is True and check.answers["bladder_bowel"]["at"]
    assert check.escalation == EMERGENCY and check.advice_shown_at and check.advice_seen_at is None
    # Escape does not close the advice unread
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and panel.advice_showing
    qtbot.mouseClick(panel.advice.ack_button, Qt.MouseButton.LeftButton)
    assert not panel.advice_showing and panel.reminder.isVisible()
    assert SafetyStore(profile.db).checks()[0].advice_seen_at


def test_urgent_advice_then_emergency_escalates_again(qtbot, app_context):
    panel = _dialog(qtbot, app_context).panel
    panel.answer("fever", True)
    assert panel.advice_showing and "111" in panel.advice.text.text()
    panel.advice.ack_button.click()
    panel.answer("cancer", True)       # another urgent sign: the same advice was already read
    assert not panel.advice_showing
    panel.answer("saddle_numbness", True)
    assert panel.advice_showing and panel.advice.level == EMERGENCY


def test_the_check_completes_only_when_every_question_is_answered(qtbot, app_context, profile):
    dialog = _dialog(qtbot, app_context)
    for question in red_flag_questions()[:-1]:
        dialog.panel.answer(question.id, False)
    assert not dialog.done_button.isEnabled()
    dialog.panel.answer(red_flag_questions()[-1].id, False)
    assert dialog.done_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.done_button.click()
    assert SafetyStore(profile.db).has_completed(FIRST_START)


def test_clinic_wording_is_used(qtbot, app_context):
    app_context.clinic = {"emergency_number": "112", "emergency_service": "the emergency department",
                          "emergency_advice": "Go to {service} now or call {number}."}
    panel = _dialog(qtbot, app_context).panel
    panel.answer("both_legs", True)
    assert panel.advice.text.text() == "Go to the emergency department now or call 112."


def test_first_start_check_is_shown_until_answered_and_unread_advice_comes_back(qtbot, app_context, profile, monkeypatch):
    from sb_desktop.ui.safety import red_flags
    shown = []
    monkeypatch.setattr(red_flags.RedFlagDialog, "exec", lambda self: shown.append(self) or 0)
    red_flags.run_first_start_check(app_context)
    assert len(shown) == 1 and not shown[0].panel.advice_showing
    # the person answered yes and the app closed before they confirmed reading the advice
    store = SafetyStore(profile.db)
    check = store.start_check(FIRST_START)
    store.record_answer(check.id, "leg_weakness", True)
    red_flags.run_first_start_check(app_context)
    assert shown[-1].panel.advice_showing, "unread advice is shown first on the next start"
    assert shown[-1].panel.groups["leg_weakness"].button(1).isChecked()
    shown[-1].panel.advice.ack_button.click()
    for question in red_flag_questions():
        if question.id != "leg_weakness":
            shown[-1].panel.answer(question.id, False)
    shown[-1].done_button.click()
    count = len(shown)
    red_flags.run_first_start_check(app_context)
    assert len(shown) == count, "not asked again once answered"


def test_weekly_check_records_its_context(qtbot, app_context, profile):
    panel = _dialog(qtbot, app_context, check_context=WEEKLY).panel
    panel.answer("fever", False)
    assert SafetyStore(profile.db).checks()[0].context == WEEKLY


@pytest.fixture
def flare_dialog(qtbot, app_context):
    from sb_desktop.ui.safety.flare_plan import show_flare_plan
    dialog = show_flare_plan(app_context, None)   # deletes itself on close
    yield dialog
    try:
        dialog.close()
    except RuntimeError:
        pass


def test_flare_plan_edits_save_and_print_to_pdf(qtbot, app_context, profile, flare_dialog, tmp_path):
    assert not flare_dialog.isModal()
    flare_dialog.fields["helps"].setPlainText("Heat pad\nShort walks every hour")
    flare_dialog.fields["contacts"].setPlainText("Physio: 01234 567890")
    flare_dialog.save_button.click()
    assert FlarePlanStore(profile.db).get().helps == "Heat pad\nShort walks every hour"
    pdf = tmp_path / "plan.pdf"
    flare_dialog.save_pdf(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    flare_dialog.fields["avoid"].setPlainText("Lying in bed all day")
    flare_dialog.close()   # closing keeps what was typed
    assert FlarePlanStore(profile.db).get().avoid == "Lying in bed all day"


def test_flare_plan_printout_always_carries_the_red_flag_advice():
    from sb_desktop.ui.safety.flare_plan import plan_html
    html = plan_html(FlarePlan(helps="<b>warm</b>"), "Sam")
    assert "&lt;b&gt;warm" in html and "A&amp;E" in html and "NHS 111" in html


def test_the_flare_plan_shows_and_prints_the_clinics_contact_details(qtbot, profiles, profile, tmp_path):
    import json

    from sb_desktop.domain.clinic_config import load_clinic_config
    from sb_desktop.ui.common.context import AppContext
    from sb_desktop.ui.safety.flare_plan import FlarePlanDialog, plan_html
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps({"version": 1, "site_name": "Riverside Health Centre",
                                "contact": {"phone": "01234 567890", "email": "physio@example.org"}}))
    clinic = load_clinic_config(path)
    html = plan_html(FlarePlan(), "Sam", clinic)
    assert "My clinic" in html and "Riverside Health Centre" in html and "Phone: 01234 567890" in html
    assert html.index("My clinic") < html.index("A&amp;E")     # the red-flag advice stays at the bottom
    context = AppContext(profiles, profile)
    context.clinic = clinic
    dialog = FlarePlanDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.clinic_contact.isHidden() and "physio@example.org" in dialog.clinic_contact.text()
    # A personal computer without a clinic configuration: no empty clinic line.
    plain = FlarePlanDialog(AppContext(profiles, profile))
    qtbot.addWidget(plain)
    assert plain.clinic_contact.isHidden() and "My clinic" not in plan_html(FlarePlan(), "Sam")
