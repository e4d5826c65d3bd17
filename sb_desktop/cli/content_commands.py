"""Content-pack commands: `validate-pack DIR` checks a pack without opening a window; `sessions` shows progress."""
from __future__ import annotations

import json
import sys

from sb_desktop.i18n import _, ngettext


def register(subparsers) -> None:
    check = subparsers.add_parser(
        "validate-pack", help=_("check a content pack folder (manifest, pages, images, audio) and exit 0 only if valid"))
    check.add_argument("folder", metavar="DIR", help=_("the pack folder holding manifest.json"))
    check.add_argument("--json", action="store_true", help=_("print the problems as a JSON array"))
    check.add_argument("--strict", action="store_true", help=_("treat warnings (e.g. missing narration) as errors"))
    check.add_argument("--stamp", action="store_true",
                       help=_("when the pack is valid, write its schema stamp so the app opens it faster"))
    check.set_defaults(run=run_validate_pack)

    sessions = subparsers.add_parser("sessions", help=_("show the weekly sessions: which are finished, open or locked"))
    sessions.add_argument("--json", action="store_true", help=_("print a JSON object"))
    sessions.set_defaults(run=run_sessions)


def run_validate_pack(args, ctx) -> int:
    from sb_desktop.content.pack import ERROR, SCHEMA_STAMP_NAME, check_pack, pack_size_bytes, schema_stamp

    pack, problems = check_pack(args.folder)
    errors = [p for p in problems if p.severity == ERROR or args.strict]
    if args.json:
        json.dump([{"file": p.file, "field": p.field, "reason": p.reason, "severity": p.severity} for p in problems],
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for problem in sorted(problems, key=lambda p: p.severity != ERROR):   # errors first, in found order
            print(f"{args.folder}/{problem}", file=sys.stderr)
    if errors or pack is None:
        if not args.json:
            print(ngettext("sb-desktop: the pack is not valid: {n} problem.",
                           "sb-desktop: the pack is not valid: {n} problems.", len(errors)).format(n=len(errors)),
                  file=sys.stderr)
        return 1
    if args.stamp:
        from pathlib import Path

        from sb_desktop.storage.files import atomic_write_text
        atomic_write_text(Path(args.folder) / SCHEMA_STAMP_NAME, schema_stamp(args.folder) + "\n")
    if not args.json:
        pages = sum(len(s.pages) for s in pack.sessions) + sum(len(m.pages) for m in pack.modules)
        narrated = sum(1 for s in pack.sessions for p in s.pages if p.narration)
        session_pages = sum(len(s.pages) for s in pack.sessions)
        print(_("OK: pack '{id}' {version} ({title}): {sessions} sessions, {modules} modules, {pages} pages "
                "({narrated}/{session_pages} session pages narrated), {exercises} exercises, {routines} routines, "
                "{mb:.1f} MB.").format(
            id=pack.id, version=pack.version, title=pack.title, sessions=len(pack.sessions),
            modules=len(pack.modules), pages=pages, narrated=narrated, session_pages=session_pages,
            exercises=len(pack.exercises), routines=len(pack.routines), mb=pack_size_bytes(pack.root) / 1e6))
    return 0


def session_blocked_reason(state, number: int, safety) -> str | None:
    """Why this session cannot be opened now (the first safety check comes first), or None."""
    from sb_desktop.domain.programme import LOCKED
    from sb_desktop.domain.safety import SESSIONS

    reason = safety.blocked_reason(SESSIONS)
    if reason:
        return reason
    if state.status == LOCKED:
        if state.unlock_date:
            return _("This session opens on {date}.").format(date=state.unlock_date.isoformat())
        return _("This session opens after you finish session {n}.").format(n=number - 1)
    return None


def run_sessions(args, ctx) -> int:
    import datetime as dt

    from sb_desktop.content import active_pack_id, find_pack, load_pack, unlock_days_in_force, user_packs_allowed
    from sb_desktop.domain.programme import (
        LOCKED,
        local_date,
        session_states,
    )

    profile = ctx.open_profile(create=False)
    clinic = getattr(ctx, "clinic", None)
    pack = load_pack(find_pack(active_pack_id(profile.settings, clinic), ctx.data_dir,
                               allow_user_packs=user_packs_allowed(clinic)))
    store = profile.sessions(pack.id)
    days = unlock_days_in_force(profile.settings, clinic)
    progress = store.progress()
    states = session_states([s.id for s in pack.sessions], progress, dt.date.today(), days)
    choice = store.programme_choice()
    safety = profile.safety.status()
    rows = []
    for session, state in zip(pack.sessions, states, strict=True):
        record = progress.get(session.id)
        rows.append({
            "number": session.number, "id": session.id, "title": session.title, "status": state.status,
            "pages": len(session.pages), "page_reached": record.pages_seen if record else 0,
            "finished_on": local_date(record.finished_at).isoformat() if record and record.finished_at else None,
            "opens_on": state.unlock_date.isoformat() if state.unlock_date else None,
            "blocked_reason": session_blocked_reason(state, session.number, safety),
        })
    if args.json:
        json.dump({"pack": pack.id, "unlock_days": days, "sessions": rows,
                   "programme": None if choice is None else {"id": choice.programme, "level": choice.level},
                   "modules": [c.module_id for c in store.module_choices()]}, sys.stdout, indent=1)
        print()
        return 0
    labels = {"finished": _("finished"), "in_progress": _("in progress"), "available": _("open"),
              "locked": _("locked")}
    for row in rows:
        detail = ""
        if row["finished_on"]:
            detail = _("on {date}").format(date=row["finished_on"])
        elif row["status"] == "in_progress":
            detail = _("page {n} of {total}").format(n=row["page_reached"], total=row["pages"])
        elif row["status"] == LOCKED:
            detail = (_("opens {date}").format(date=row["opens_on"]) if row["opens_on"]
                      else _("after session {n}").format(n=row["number"] - 1))
        print(f"{row['number']}  {row['title']:<40}  {labels[row['status']]} {detail}".rstrip())
    if not safety.first_check_complete:
        print(safety.blocked_reason("sessions"))
    if choice is not None:
        programme = pack.programme(choice.programme)
        print(_("Plan: {programme}, level {n}").format(programme=programme.title if programme else choice.programme,
                                                      n=choice.level))
    return 0
