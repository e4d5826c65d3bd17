"""Safety commands: the red-flag questions, recording a check, the open escalation, and resolving it.

`safety questions --when first|weekly --json`, `safety record --answers FILE`, `safety status --json`,
`safety resolve --outcome assessed|not-yet`. Bad input prints one line on stderr, exits 1 and records nothing.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.domain.safety import (
    ASKED_FIRST,
    ASKED_WEEKLY,
    OUTCOMES,
    advice_for,
    escalation_notice,
    parse_answers,
    question_by_id,
    questions_for,
    yes_questions,
)
from sb_desktop.i18n import _

MAX_ANSWERS_BYTES = 64 * 1024


def register(subparsers) -> None:
    safety = subparsers.add_parser("safety", help=_("red-flag safety questions, checks and escalations"))
    commands = safety.add_subparsers(dest="safety_command", metavar="ACTION", required=True)

    questions = commands.add_parser("questions", help=_("list the safety questions"))
    questions.add_argument("--when", choices=(ASKED_FIRST, ASKED_WEEKLY), required=True,
                           help=_("first: every question of the first check; weekly: those asked every week"))
    questions.add_argument("--json", action="store_true", help=_("print a JSON array"))
    questions.set_defaults(run=run_questions)

    record = commands.add_parser("record", help=_("record one check from a JSON file of answers"))
    record.add_argument("--answers", metavar="FILE", required=True,
                        help=_('a JSON object mapping question ids to "yes" or "no"'))
    record.set_defaults(run=run_record)

    status = commands.add_parser("status", help=_("whether the first check is done and any open escalation"))
    status.add_argument("--json", action="store_true", help=_("print a JSON object"))
    status.set_defaults(run=run_status)

    resolve = commands.add_parser("resolve", help=_("record what happened after an urgent or emergency answer"))
    resolve.add_argument("--outcome", choices=OUTCOMES, required=True,
                         help=_("assessed: checked and told to carry on (closes it); not-yet: not checked yet"))
    resolve.set_defaults(run=run_resolve)


def run_questions(args, ctx) -> int:
    questions = questions_for(args.when)
    if args.json:
        json.dump([q.as_dict() for q in questions], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for q in questions:
        print(f"{q.id:<24} {q.level:<10} {q.asked:<7} {q.text}")
    return 0


def read_answers(path: str) -> dict[str, bool]:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_ANSWERS_BYTES:
            raise UserError(_("{path}: the answers file is larger than {n} KiB").format(
                path=path, n=MAX_ANSWERS_BYTES // 1024))
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(_("{path}: the answers file is not UTF-8 text").format(path=path)) from None
    except json.JSONDecodeError as error:
        raise UserError(_("{path}: not valid JSON ({reason})").format(path=path, reason=error.msg)) from None
    try:
        return parse_answers(data)
    except ValueError as error:
        raise UserError(f"{path}: {error}") from None


def run_record(args, ctx) -> int:
    answers = read_answers(args.answers)   # everything is checked before the profile is touched
    profile = ctx.open_profile()
    with profile.transaction():
        check = profile.safety.record_check(answers)
    kind = _("first check") if check.context == "first_start" else _("weekly check")
    if check.completed_at:
        print(_("Recorded the {kind}.").format(kind=kind))
    else:
        print(_("Recorded the answers given; the {kind} is not complete until every question is answered.").format(
            kind=kind))
    said = yes_questions(check.yes_answers)
    levels = []
    for question in said:
        if question.level not in levels:
            levels.append(question.level)
    for level in levels:
        advice = advice_for(level, ctx.clinic)
        print()
        print(advice.title.upper())
        print(advice.text)
        if advice.contact_line:
            print(advice.contact_line)
        print(_("Because you answered yes to:"))
        for question in said:
            if question.level == level:
                print(f"  - {question.text}")
    return 0


def run_status(args, ctx) -> int:
    profile = ctx.open_profile(create=False)   # reading never creates a profile
    status = profile.safety.status()
    if args.json:
        json.dump(status.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(_("First check: {state}").format(state=_("complete") if status.first_check_complete else _("not done yet")))
    open_one = status.open_escalation
    if open_one is None:
        print(_("No open safety notice."))
    else:
        title, text = escalation_notice(open_one, ctx.clinic)
        print(_("Open since {since} ({level}): {title}").format(since=open_one.opened_at, level=open_one.level,
                                                              title=title))
        print(text)
        for question_id in open_one.question_ids:
            print(f"  - {question_by_id(question_id).text}")
    if not status.first_check_complete:
        print(status.blocked_reason("sessions"))
    elif status.programme_paused:
        print(_("Until then no step-ups or harder exercises are suggested."))
    return 0


def run_resolve(args, ctx) -> int:
    profile = ctx.open_profile(create=False)
    with profile.transaction():
        escalation = profile.safety.resolve(args.outcome)
    if escalation.is_open:
        print(_("Recorded: not checked yet. The notice stays until you have been checked."))
    else:
        print(_("Recorded: checked and told you can carry on. The notice is closed."))
    return 0
