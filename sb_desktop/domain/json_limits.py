"""JSON from files people or clinics hand us: parsed with a bound on nesting, so it fails with a sentence.

Python's json module recurses once per `[` or `{`: 200 KB of `[` raises RecursionError (a traceback in
every command), and data nested just under that limit can still exhaust the stack in code that walks it.
Nothing the app reads needs more than a few levels.
"""
from __future__ import annotations

import json

from sb_desktop.i18n import _

MAX_DEPTH = 64


class JsonTooDeep(ValueError):
    pass


def _too_deep(max_depth: int) -> JsonTooDeep:
    return JsonTooDeep(_("the JSON is nested more than {n} levels deep").format(n=max_depth))


def loads_bounded(text: str | bytes, max_depth: int = MAX_DEPTH):
    """json.loads, refusing nesting deeper than max_depth with JsonTooDeep (a ValueError)."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise _too_deep(max_depth) from None
    stack = [(data, 1)]
    while stack:  # iterative: checking the depth must not recurse either
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > max_depth:
                raise _too_deep(max_depth)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return data
