"""`measures add chair-stand N [--date D]`: record a self-check from the command line (for a clinic's script, or
a result written on paper)."""
from __future__ import annotations

from sb_desktop.i18n import _


def register(subparsers) -> None:
    measures = subparsers.add_parser("measures", help=_("record a self-check (the 30-second chair stand)"))
    actions = measures.add_subparsers(dest="measures_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=_("record a result"))
    kinds = add.add_subparsers(dest="measure", metavar="MEASURE", required=True)
    chair = kinds.add_parser("chair-stand", help=_("full stands in 30 seconds (0-50)"))
    chair.add_argument("stands", metavar="N")
    chair.add_argument("--date", metavar="D", help=_("YYYY-MM-DD (default today)"))
    chair.add_argument("--stopped-early", action="store_true", help=_("the check was stopped before 30 seconds"))
    chair.set_defaults(run=run_add_chair_stand)


def run_add_chair_stand(args, ctx) -> int:
    from sb_desktop.domain.chair_stand import make_chair_stand
    response = make_chair_stand(args.stands, date=args.date, stopped_early=args.stopped_early)  # checked first
    saved = ctx.open_profile().measures.add(response)
    print(saved.id)   # printed only once it is on disk
    return 0
