"""Commands over the journal: add, list, check, demo."""
from __future__ import annotations

import json
import sys

from sb_desktop.domain.entries import AFTER_ACTIVITY, DAY, PainEntry, make_activity, make_pain, unusual_activity
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _


def register(subparsers) -> None:
    add = subparsers.add_parser("add", help=_("add a pain rating or an activity"))
    kinds = add.add_subparsers(dest="entry", metavar="ENTRY", required=True)
    pain = kinds.add_parser("pain", help=_("pain 0-10"))
    pain.add_argument("value", metavar="N", help=_("pain from 0 (none) to 10 (worst)"))
    pain.add_argument("--after-activity", action="store_true",
                      help=_("rated straight after a routine or a walk (soreness): kept out of the day's pain"))
    activity = kinds.add_parser("activity", help=_("minutes of activity"))
    activity.add_argument("value", metavar="MINUTES")
    activity.add_argument("--kind", required=True, help="walk | exercise | other")
    activity.add_argument("--steps")
    activity.add_argument("--effort", help=_("effort 0-10"))
    activity.add_argument("--yes", action="store_true",
                          help=_("save an unusual value (more than 5 hours in one entry) without asking"))
    for sub in (pain, activity):
        sub.add_argument("--date", metavar="D", help=_("YYYY-MM-DD (default today)"))
        sub.add_argument("--time", metavar="T", help=_("HH:MM"))
        sub.add_argument("--note", metavar="TEXT")
        sub.set_defaults(run=run_add)

    listing = subparsers.add_parser("list", help=_("list entries, newest first"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(run=run_list)

    check = subparsers.add_parser("check", help=_("check the database's integrity"))
    check.set_defaults(run=run_check)

    demo = subparsers.add_parser("demo", help=_("fill the profile with 16 weeks of sample entries"))
    demo.set_defaults(run=run_demo)


def run_add(args, ctx) -> int:
    if args.entry == "pain":
        entry = make_pain(args.value, date=args.date, time=args.time, note=args.note,
                          context=AFTER_ACTIVITY if args.after_activity else DAY)
    else:
        entry = make_activity(args.value, kind=args.kind, date=args.date, time=args.time, steps=args.steps,
                              effort=args.effort, note=args.note)
        question = unusual_activity(entry)
        if question and not args.yes:
            raise UserError(question + " " + _("If it is, run the command again with --yes."))
    saved = ctx.open_profile().journal.add(entry)
    print(saved.id)  # printed only after the transaction committed
    return 0


def entry_as_json(entry) -> dict:
    is_pain = isinstance(entry, PainEntry)
    return {
        "id": entry.id,
        "entry": entry.entry,
        "date": entry.date.isoformat(),
        "time": entry.time.strftime("%H:%M") if entry.time else None,
        "value": entry.value,
        "unit": entry.unit,
        "activity_kind": None if is_pain else entry.kind,
        "steps": None if is_pain else entry.steps,
        "effort": None if is_pain else entry.effort,
        "interference": entry.interference if is_pain else None,
        "context": entry.context if is_pain else None,
        "note": entry.note,
        "source": entry.source,
        "recorded_at": entry.recorded_at,
    }


def run_list(args, ctx) -> int:
    entries = ctx.open_profile(create=False).journal.entries()
    if args.json:
        json.dump([entry_as_json(e) for e in entries], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    from sb_desktop.domain.entries import describe
    for e in entries:
        when = e.date.isoformat() + (" " + e.time.strftime("%H:%M") if e.time else "")
        print(f"{e.id:>6}  {when:<16}  {describe(e)}" + (f"  — {e.note}" if e.note else ""))
    if not entries:
        print(_("No entries yet."), file=sys.stderr)
    return 0


def run_check(args, ctx) -> int:
    profile = ctx.open_profile(create=False)
    problems = profile.integrity_problems()
    if problems:
        raise UserError(_("The database is damaged: {problem}").format(problem="; ".join(problems[:3])))
    print(_("OK: profile '{name}' passed the integrity check ({n} entries).").format(
        name=profile.name, n=profile.journal.count()))
    return 0


def run_demo(args, ctx) -> int:
    journal = ctx.open_profile().journal
    if journal.count():
        raise UserError(_("Profile '{name}' already has entries; the demo fills only an empty profile. "
                          "Use --profile to choose another.").format(name=ctx.profile_name))
    from sb_desktop.storage.demo import fill_demo
    added = fill_demo(ctx.open_profile())
    print(_("Added {n} sample entries covering 16 weeks, and a walking goal, to profile '{name}'.").format(
        n=added, name=ctx.profile_name))
    return 0
