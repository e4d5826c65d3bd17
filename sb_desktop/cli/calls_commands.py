"""`calls list [--json]` and `calls add --with NAME --agreed TEXT [--next D]`: the planned support calls with
the physiotherapist and what was agreed at each."""
from __future__ import annotations

import datetime as dt
import json
import sys

from sb_desktop.i18n import _


def register(subparsers) -> None:
    calls = subparsers.add_parser("calls", help=_("planned support calls and what was agreed at each"))
    actions = calls.add_subparsers(dest="calls_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("the planned calls and the calls held"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(run=run_list)
    add = actions.add_parser("add", help=_("record a call that was held"))
    add.add_argument("--with", dest="with_whom", required=True, metavar="NAME", help=_("who the call was with"))
    add.add_argument("--agreed", required=True, metavar="TEXT", help=_("what you agreed"))
    add.add_argument("--next", dest="next_call", metavar="YYYY-MM-DD", help=_("when the next call is"))
    add.add_argument("--date", metavar="D", help=_("when the call was held, YYYY-MM-DD (default today)"))
    add.add_argument("--notes", metavar="TEXT", default="")
    add.set_defaults(run=run_add)


def run_list(args, ctx) -> int:
    from sb_desktop.domain.calls import calls_json, support_plan
    profile = ctx.open_profile(create=False)
    records = profile.calls.records()
    plan = support_plan(profile.overview().programme_start, records, ctx.clinic)
    items = calls_json(plan, records)
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not items:
        print(_("No calls planned yet: the plan starts with your programme (the function check or a first goal)."))
    today = dt.date.today().isoformat()
    for item in items:
        if item["done"]:
            print(_("{date}: call with {who}. Agreed: {agreed}").format(date=item["held_on"], who=item["with"],
                                                                        agreed=item["agreed"]))
        else:
            state = _("due") if item["due"] <= today else _("planned")
            print(_("{date}: check-in call {state} (after week {week})").format(date=item["due"], state=state,
                                                                                 week=item["week"]))
    return 0


def run_add(args, ctx) -> int:
    from sb_desktop.domain.calls import make_call
    call = make_call(args.with_whom, args.agreed, held_on=args.date, notes=args.notes, next_call=args.next_call)
    saved = ctx.open_profile().calls.add(call)
    print(saved.id)
    return 0
