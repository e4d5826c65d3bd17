"""Floor or chair: which exercise route a person is offered, and keeping floor exercises off the chair route.

Someone who cannot get down to the floor (or up again) gets a chair-and-standing routine at every level and
never sees a floor or lying exercise. The function check's floor question decides; with no function check
yet, both routes are offered and labelled.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from sb_desktop.i18n import _

FLOOR, CHAIR = "floor", "chair"
ROUTES = (FLOOR, CHAIR)
STANDING = "standing"   # a routine done standing (with support); like the chair route, never a floor exercise
# Where an exercise is done. Only chair and standing exercises belong on the chair route.
POSITIONS = ("floor", "bed", "chair", "standing")
CHAIR_POSITIONS = ("chair", "standing")


def route_label(route: str) -> str:
    return {FLOOR: _("floor and standing"), CHAIR: _("chair and standing")}.get(route, route)


def route_from_function_check(answers: Mapping | None) -> str | None:
    """CHAIR when the person said they cannot get down to the floor at the moment, FLOOR when they can,
    None when there is no function check to go by."""
    if not answers:
        return None
    try:
        floor = int(answers["answers"]["floor"]) if "answers" in answers else int(answers["floor"])
    except (KeyError, TypeError, ValueError):
        return None
    return CHAIR if floor == 0 else FLOOR


def exercise_position(exercise) -> str:
    """An exercise's position; one that does not say is treated as a floor exercise (the safe side)."""
    position = getattr(exercise, "position", None)
    return position if position in POSITIONS else "floor"


def fits_route(exercise, route: str | None) -> bool:
    return route not in (CHAIR, STANDING) or exercise_position(exercise) in CHAIR_POSITIONS


def routine_route(routine) -> str:
    return getattr(routine, "route", None) or FLOOR


def routines_offered(routines: Iterable, route: str | None, max_level: int | None = None) -> list:
    """The routines to offer: only the person's route (both when it is not known), and none above
    `max_level` (while a safety answer is unresolved no harder routine is offered)."""
    offered = []
    for routine in routines:
        if route is not None and routine_route(routine) != route:
            continue
        if max_level is not None and routine.level > max_level:
            continue
        offered.append(routine)
    return offered
