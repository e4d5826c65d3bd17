"""The safety net (issue 14): which questions are asked when, escalations that hold until resolved, wording
from one source with the clinic's own service names, and the headless `safety` commands."""
import json

import pytest
from conftest import run_cli

from sb_desktop.domain.clinic_config import parse_clinic_config
from sb_desktop.domain.safety import (
    ASSESSED,
    EMERGENCY,
    FIRST_START,
    NOT_YET,
    ROUTINE,
    URGENT,
    WEEKLY,
    advice_for,
    crisis_advice,
    history_questions,
    questions_for,
    red_flag_questions,
    stop_rules,
    unwell_advice,
    warning_signs,
    warning_signs_markdown,
)

pytestmark = pytest.mark.first_check_pending   # these tests are about the first check itself

HISTORY = {"cancer", "age_new_pain", "osteoporosis_steroids", "immunity", "trauma"}


# --- which questions, when ---

def test_weekly_questions_ask_only_about_what_can_change():
    weekly = questions_for("weekly")
    first = questions_for("first")
    assert {q.id for q in first} == {q.id for q in red_flag_questions()}
    assert {q.id for q in history_questions()} == HISTORY
    assert not HISTORY & {q.id for q in weekly}, "history is not asked every week"
    assert {q.id for q in weekly} | HISTORY == {q.id for q in first}
    both_legs = next(q for q in weekly if q.id == "both_legs")
    assert "new" in both_legs.text.lower(), "long-standing leg pain is not an emergency"
    no_improvement = next(q for q in weekly if q.id == "no_improvement")
    assert no_improvement.level == ROUTINE
    assert "routine appointment" in advice_for(ROUTINE).text
    assert len({q.id for q in first}) == len(first), "ids are unique"


def test_question_ids_are_stable():
    """Clinics' scripts and stored answers use these ids: renaming one is a breaking change."""
    assert [q.id for q in red_flag_questions()] == [
        "bladder_bowel", "saddle_numbness", "leg_weakness", "both_legs", "sexual_function", "weight_loss", "fever",
        "night_pain", "new_injury", "no_improvement", "cancer", "age_new_pain", "osteoporosis_steroids", "immunity",
        "trauma"]


# --- one source of wording, the clinic's own service names ---

FOREIGN = {"version": 1, "emergency": {"emergency_phone": "112", "urgent_phone": "116117",
                                       "emergency_service": "die Notaufnahme",
                                       "urgent_service": "der ärztliche Bereitschaftsdienst"}}


def _all_safety_text(config) -> str:
    signs = warning_signs(config)
    parts = [warning_signs_markdown(config), crisis_advice(config), unwell_advice(config)]
    parts += [g.advice.text + g.advice.contact_line for g in signs]
    return "\n".join(parts)


def test_a_clinic_abroad_sees_only_its_own_service_names():
    config = parse_clinic_config(FOREIGN)
    text = _all_safety_text(config)
    assert "die Notaufnahme" in text and "112" in text and "116117" in text
    for uk in ("A&E", "NHS", "111 ", "999", "Samaritans", "116 123"):
        assert uk not in text, uk
    # Only the numbers set: neutral names, never the UK ones.
    numbers_only = parse_clinic_config({"version": 1, "emergency": {"emergency_phone": "112"}})
    text = _all_safety_text(numbers_only)
    assert "112" in text and "A&E" not in text and "NHS 111" not in text and "Samaritans" not in text


def test_uk_defaults_and_crisis_line_are_configurable():
    text = _all_safety_text(None)
    assert "A&E" in text and "999" in text and "NHS 111" in text
    assert "Samaritans" in crisis_advice() and "116 123" in crisis_advice()
    config = parse_clinic_config({"version": 1, "emergency": {"crisis_service": "Telefonseelsorge",
                                                              "crisis_phone": "0800 111 0 111",
                                                              "emergency_phone": "112"}})
    crisis = crisis_advice(config)
    assert "Telefonseelsorge" in crisis and "0800 111 0 111" in crisis and "112" in crisis
    assert "Samaritans" not in crisis


def test_warning_sign_lists_are_made_from_the_questions():
    groups = {g.level: g for g in warning_signs()}
    assert len(groups[EMERGENCY].signs) == len([q for q in red_flag_questions() if q.level == EMERGENCY])
    assert groups[EMERGENCY].signs[0] == red_flag_questions()[0].sign
    markdown = warning_signs_markdown()
    for question in red_flag_questions():
        assert question.sign in markdown


def test_stop_rules_cover_the_clinical_list():
    rules = " ".join(stop_rules())
    for needed in ("chest", "breath", "dizz", "faint", "numbness or weakness", "sharp pain"):
        assert needed in rules


# --- storage: escalations ---

def test_an_urgent_answer_opens_an_escalation_that_holds_until_assessed(profile):
    store = profile.safety
    assert not store.status().first_check_complete and store.status().programme_paused
    check = store.start_check(FIRST_START)
    store.record_answer(check.id, "cancer", True, at="2026-11-02T09:00:00+00:00")
    status = store.status()
    assert status.open_escalation.level == URGENT and status.open_escalation.question_ids == ("cancer",)
    assert status.open_escalation.opened_at == "2026-11-02T09:00:00+00:00"
    store.record_answer(check.id, "bladder_bowel", True)
    assert store.status().open_escalation.level == EMERGENCY, "raised, still one escalation"
    assert len(store.escalations()) == 1
    for question in questions_for("first"):
        if question.id not in ("cancer", "bladder_bowel"):
            store.record_answer(check.id, question.id, False)
    store.complete(check.id)
    status = store.status()
    assert status.first_check_complete and status.open_escalation is not None
    assert status.programme_paused and not status.step_up_allowed and not status.congratulate
    assert status.routines_paused and status.blocked_reason("routines")
    store.resolve(NOT_YET)
    assert store.status().open_escalation.last_update.kind == NOT_YET
    store.resolve(ASSESSED)
    status = store.status()
    assert status.open_escalation is None and status.step_up_allowed and not status.programme_paused


def test_a_wrong_press_is_corrected_with_both_answers_kept(profile):
    store = profile.safety
    check = store.start_check(WEEKLY)
    store.record_answer(check.id, "both_legs", True, at="2026-11-02T09:00:00+00:00")
    assert store.status().open_escalation is not None
    check = store.record_answer(check.id, "both_legs", False, at="2026-11-02T09:00:20+00:00")
    assert store.status().open_escalation is None
    answer = check.answers["both_legs"]
    assert answer["yes"] is False and answer["at"] == "2026-11-02T09:00:20+00:00"
    assert answer["earlier"] == [{"yes": True, "at": "2026-11-02T09:00:00+00:00"}]
    closed = store.escalations()[0]
    assert closed.closed_how == "corrected" and [e.kind for e in closed.events] == ["opened", "corrected"]
    assert check.escalation == EMERGENCY, "the check keeps the level that was reached, on record"
    assert not check.advice_pending, "nothing left to show once corrected"


def test_routine_advice_opens_no_escalation(profile):
    store = profile.safety
    check = store.start_check(WEEKLY)
    check = store.record_answer(check.id, "no_improvement", True)
    assert store.status().open_escalation is None and not check.advice_pending


def test_the_first_check_resumes_after_ask_me_later(profile):
    store = profile.safety
    check = store.start_check(FIRST_START)
    store.record_answer(check.id, "fever", False)
    due, resume = store.first_start_due()
    assert due and resume.id == check.id


def test_the_escalation_survives_closing_and_reopening_the_profile(profiles):
    opened = profiles.open("Robin")
    check = opened.safety.start_check(FIRST_START)
    opened.safety.record_answer(check.id, "saddle_numbness", True)
    opened.close()
    again = profiles.open("Robin", create=False)
    try:
        assert again.safety.status().open_escalation.question_ids == ("saddle_numbness",)
    finally:
        again.close()


# --- the headless interface ---

def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_questions_lists_first_and_weekly_exactly():
    first = _json(run_cli("safety", "questions", "--when", "first", "--json"))
    weekly = _json(run_cli("safety", "questions", "--when", "weekly", "--json"))
    assert isinstance(first, list) and isinstance(weekly, list)
    for item in first:
        assert set(item) >= {"id", "text", "level", "asked"}
        assert item["level"] in ("emergency", "urgent", "routine") and item["asked"] in ("first", "weekly")
    assert [q["id"] for q in first] == [q.id for q in questions_for("first")]
    assert {q["asked"] for q in weekly} == {"weekly"}
    assert {q["id"] for q in first if q["asked"] == "first"} == HISTORY


def test_cli_record_status_resolve(tmp_path, profiles):
    profiles.open("default").close()
    status = _json(run_cli("safety", "status", "--json"))
    assert status == {"first_check_complete": False, "open_escalation": None, "programme_paused": True}
    answers = {q.id: "no" for q in questions_for("first")}
    answers["leg_weakness"] = "yes"
    file = tmp_path / "answers.json"
    file.write_text(json.dumps(answers))
    recorded = run_cli("safety", "record", "--answers", str(file))
    assert recorded.returncode == 0, recorded.stderr
    assert "A&E" in recorded.stdout and "999" in recorded.stdout
    status = _json(run_cli("safety", "status", "--json"))
    assert status["first_check_complete"] is True and status["programme_paused"] is True
    assert status["open_escalation"]["level"] == "emergency"
    assert status["open_escalation"]["question_ids"] == ["leg_weakness"]
    assert status["open_escalation"]["since"]
    goals = _json(run_cli("goals", "--json"))
    assert goals["step_up_allowed"] is False
    assert run_cli("safety", "resolve", "--outcome", "not-yet").returncode == 0
    assert _json(run_cli("safety", "status", "--json"))["open_escalation"] is not None
    assert run_cli("safety", "resolve", "--outcome", "assessed").returncode == 0
    status = _json(run_cli("safety", "status", "--json"))
    assert status == {"first_check_complete": True, "open_escalation": None, "programme_paused": False}
    assert _json(run_cli("goals", "--json"))["step_up_allowed"] is True
    # The next record is a weekly check.
    file.write_text(json.dumps({q.id: "no" for q in questions_for("weekly")}))
    assert run_cli("safety", "record", "--answers", str(file)).returncode == 0
    report = _json(run_cli("goals", "--json"))
    assert [c["context"] for c in report["safety_checks"]][:2] == ["weekly", "first_start"]


@pytest.mark.parametrize("content, reason", [
    ('{"not_a_question": "yes"}', "not_a_question"),
    ('{"fever": "maybe"}', "fever"),
    ('{"fever": true}', "fever"),
    ('["fever"]', "JSON object"),
    ('{"fever": "yes",', "not valid JSON"),
])
def test_cli_record_refuses_bad_answers_and_records_nothing(tmp_path, profiles, content, reason):
    file = tmp_path / "answers.json"
    file.write_text(content)
    result = run_cli("safety", "record", "--answers", str(file))
    assert result.returncode != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0]
    assert profiles.find("default") is None, "a refused file does not even create the profile"
    profiles.open("default").close()
    assert run_cli("safety", "record", "--answers", str(file)).returncode != 0
    status = _json(run_cli("safety", "status", "--json"))
    assert status["open_escalation"] is None and status["first_check_complete"] is False
    assert _json(run_cli("goals", "--json"))["safety_checks"] == []


def test_cli_resolve_with_nothing_open_is_a_clear_error(profiles):
    profiles.open("default").close()
    result = run_cli("safety", "resolve", "--outcome", "assessed")
    assert result.returncode != 0 and "no open safety notice" in result.stderr


def test_cli_sessions_gain_blocked_reason_until_the_first_check(tmp_path, profiles):
    profiles.open("default").close()
    sessions = _json(run_cli("sessions", "--json"))["sessions"]
    assert all(isinstance(s["blocked_reason"], str) and "safety questions" in s["blocked_reason"] for s in sessions)
    assert {"number", "id", "title", "status", "pages", "page_reached", "finished_on", "opens_on"} <= set(sessions[0])
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({q.id: "no" for q in questions_for("first")}))
    assert run_cli("safety", "record", "--answers", str(file)).returncode == 0
    sessions = _json(run_cli("sessions", "--json"))["sessions"]
    assert sessions[0]["blocked_reason"] is None
    assert sessions[1]["status"] == "locked" and "session 1" in sessions[1]["blocked_reason"]


# --- pages, the flare-up plan and the pack check use the one source ---

PACK = __import__("conftest").ROOT / "resources" / "content" / "supportback-en"


def _pages():
    from sb_desktop.content import load_pack
    pack = load_pack(PACK)
    return pack, [page for group in (*pack.sessions, *pack.modules) for page in group.pages]


def test_no_page_carries_its_own_service_name_or_warning_list():
    from sb_desktop.domain.safety import fill_safety_text, safety_placeholders
    _pack, pages = _pages()
    for page in pages:
        for name in ("A&E", "NHS 111", "999", "Samaritans", "116 123"):
            assert name not in page.text, (page.id, name)
    filled = {page.id: fill_safety_text(page.text, parse_clinic_config(FOREIGN)) for page in pages}
    with_signs = [pid for pid, page in zip(filled, pages, strict=True) if "emergency-signs" in safety_placeholders(page.text)
                  or "warning-signs" in safety_placeholders(page.text)]
    assert len(with_signs) >= 5
    emergency_signs = [q.sign for q in red_flag_questions() if q.level == EMERGENCY]
    for page_id in with_signs:
        text = filled[page_id]
        assert all(sign in text for sign in emergency_signs), page_id
        assert "die Notaufnahme" in text and "112" in text and "A&E" not in text, page_id
        assert "{{" not in text


def test_the_mood_topic_signposts_crisis_help_with_configurable_numbers():
    from sb_desktop.domain.safety import fill_safety_text
    pack, _pages_ = _pages()
    mood = pack.module("mood")
    uk = fill_safety_text(mood.pages[0].text)
    assert "harming yourself" in uk and "Samaritans" in uk and "116 123" in uk and "999" in uk
    config = parse_clinic_config({"version": 1, "emergency": {"emergency_phone": "112", "crisis_phone": "142",
                                                              "crisis_service": "ERAN"}})
    local = fill_safety_text(mood.pages[0].text, config)
    assert "ERAN" in local and "142" in local and "112" in local and "Samaritans" not in local


def test_the_pack_check_refuses_an_unknown_safety_placeholder(tmp_path):
    from sessions_packs import make_pack

    from sb_desktop.content.pack import check_pack
    root = make_pack(tmp_path / "pack")
    first = sorted((root / "pages").rglob("*.md"))[0]
    first.write_text(first.read_text() + "\n{{safety:emergancy-signs}}\n")
    _pack, problems = check_pack(root)
    assert any("emergancy-signs" in str(p) for p in problems)


def test_the_flare_plan_printout_lists_the_same_signs_with_the_clinics_services():
    pytest.importorskip("PySide6")
    from sb_desktop.domain.safety import FlarePlan
    from sb_desktop.ui.safety.flare_plan import plan_html
    html = plan_html(FlarePlan(), "Sam", parse_clinic_config(FOREIGN))
    for question in red_flag_questions():
        if question.level == EMERGENCY:
            assert question.sign in html
    assert "die Notaufnahme" in html and "A&amp;E" not in html and "NHS" not in html


def test_the_hazard_log_names_only_tests_that_exist():
    """docs/clinical-safety.md counts a control only with a test; every test it names must exist."""
    import re
    root = __import__("conftest").ROOT
    text = (root / "docs" / "clinical-safety.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+\.py)::([a-z0-9_]+)`", text))
    assert len(named) > 40
    for file, test in named:
        source = (root / "tests" / file).read_text(encoding="utf-8")
        assert re.search(rf"^def {test}\(", source, re.M), f"{file}::{test}"
    for hazard in ("red flag is missed or hidden", "Alarm fatigue", "Unsafe exercise", "misleading insight",
                   "Another person's data", "entry is lost"):
        assert hazard.lower() in text.lower()


def test_the_chair_stand_check_uses_the_same_stop_rules():
    from sb_desktop.domain.chair_stand import safety_steps
    from sb_desktop.domain.safety import stop_rules
    text = " ".join(safety_steps())
    assert all(rule in text for rule in stop_rules())
