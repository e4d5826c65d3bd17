"""`routines [--json] [--pack DIR]`: every guided routine in the content pack with its prescription and its
planned length. Reads only content: it never creates or opens a profile."""
from __future__ import annotations

import json
import sys

from sb_desktop.i18n import _, ngettext


def register(subparsers) -> None:
    routines = subparsers.add_parser(
        "routines", help=_("list the guided exercise routines: level, route, prescribed minutes and planned length"))
    routines.add_argument("--json", action="store_true", help=_("print a JSON array, one object per routine"))
    routines.add_argument("--pack", metavar="DIR",
                          help=_("read this content pack folder (default: the pack in use on this computer)"))
    routines.set_defaults(run=run_routines)


def routine_rows(pack) -> list[dict]:
    """One plain dict per routine, in the pack's order: what the JSON form prints."""
    from sb_desktop.domain.routes import routine_route
    from sb_desktop.domain.routine import plan_routine, planned_seconds, prescribed_minutes

    rows = []
    for routine in pack.routines:
        items = plan_routine(routine, pack.exercise)
        minutes = prescribed_minutes(routine, pack.programme(routine.programme))
        rows.append({
            "id": routine.id,
            "title": routine.title,
            "programme": routine.programme,
            "level": routine.level,
            "route": routine_route(routine),
            "prescribed_minutes": list(minutes) if minutes else None,
            "planned_seconds": planned_seconds(items, routine.rest_seconds),
            "steps": [{"exercise": item.exercise_id, "sets": item.sets, "repetitions": item.repetitions,
                       "hold_seconds": item.hold_seconds, "rest_seconds": item.rest_after_set(routine.rest_seconds)}
                      for item in items],
        })
    return rows


def run_routines(args, ctx) -> int:
    from sb_desktop.content import active_pack_id, find_pack, load_pack, user_packs_allowed

    clinic = getattr(ctx, "clinic", None)
    folder = args.pack or find_pack(active_pack_id(None, clinic), ctx.data_dir,
                                    allow_user_packs=user_packs_allowed(clinic))
    pack = load_pack(folder)
    rows = routine_rows(pack)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for row in rows:
        seconds = row["planned_seconds"]
        low_high = row["prescribed_minutes"]
        prescribed = _("{low}-{high} min").format(low=low_high[0], high=low_high[1]) if low_high else _("no prescription")
        print(_("{id}  level {level}, {route}: about {m} min {s:02d} s (prescribed {prescribed}) — {title}").format(
            id=row["id"], level=row["level"], route=row["route"], m=seconds // 60, s=seconds % 60,
            prescribed=prescribed, title=row["title"]))
        for step in row["steps"]:
            sets = ngettext("{n} set", "{n} sets", step["sets"]).format(n=step["sets"])
            reps = step["repetitions"] or 1
            what = (ngettext("{n} hold of {s} seconds", "{n} holds of {s} seconds", reps).format(
                n=reps, s=step["hold_seconds"]) if step["hold_seconds"]
                else ngettext("{n} repetition", "{n} repetitions", reps).format(n=reps))
            print("    " + _("{exercise}: {sets} of {what}, rest {rest} s").format(
                exercise=step["exercise"], sets=sets, what=what, rest=step["rest_seconds"]))
    return 0
