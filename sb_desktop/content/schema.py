"""The JSON Schema every content pack's manifest.json must satisfy (unknown fields are refused everywhere)."""
from __future__ import annotations

MANIFEST_SCHEMA_ID = "https://schemas.supportback.invalid/content-pack/manifest-1.json"

_ID = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]{0,63}$"}
_TEXT = {"type": "string", "minLength": 1, "maxLength": 200}
_LONG_TEXT = {"type": "string", "minLength": 1, "maxLength": 2000}
# A path inside the pack, always written with forward slashes; the loader checks it stays inside.
_PATH = {"type": "string", "minLength": 1, "maxLength": 300}
_RANGE = {
    "type": "array",
    "items": {"type": "integer", "minimum": 0, "maximum": 600},
    "minItems": 2,
    "maxItems": 2,
}

PAGE_ACTIONS = ("none", "function_check", "choose_programme", "set_goal", "weekly_review", "choose_module",
                "about_you")

MANIFEST_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": MANIFEST_SCHEMA_ID,
    "title": "SupportBack content pack manifest",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "version", "language", "sources", "sessions", "modules", "exercises",
                 "routines", "programmes"],
    "properties": {
        "$schema": {"type": "string"},
        "id": _ID,
        "title": _TEXT,
        "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
        "language": {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
        "description": _LONG_TEXT,
        "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
        "sessions": {"type": "array", "minItems": 1, "maxItems": 52, "items": {"$ref": "#/$defs/session"}},
        "modules": {"type": "array", "items": {"$ref": "#/$defs/module"}},
        "exercises": {"type": "array", "items": {"$ref": "#/$defs/exercise"}},
        "routines": {"type": "array", "items": {"$ref": "#/$defs/routine"}},
        "programmes": {"type": "array", "items": {"$ref": "#/$defs/programme"}},
    },
    "$defs": {
        "source": {
            "type": "object",
            "additionalProperties": False,
            "required": ["title"],
            "properties": {"title": _LONG_TEXT, "url": {"type": "string", "maxLength": 500},
                           "note": _LONG_TEXT},
        },
        "page": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "file"],
            "properties": {
                "id": _ID,
                "title": _TEXT,
                "file": _PATH,
                "narration": _PATH,
                "image": _PATH,
                "image_alt": _TEXT,
                "action": {"enum": list(PAGE_ACTIONS)},
            },
        },
        "session": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "number", "title", "summary", "pages"],
            "properties": {
                "id": _ID,
                "number": {"type": "integer", "minimum": 1, "maximum": 52},
                "title": _TEXT,
                "summary": _LONG_TEXT,
                "pages": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/page"}},
            },
        },
        "module": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "kind", "summary", "pages"],
            "properties": {
                "id": _ID,
                "title": _TEXT,
                "kind": {"enum": ["optional", "barrier"]},
                "summary": _LONG_TEXT,
                "pages": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/page"}},
            },
        },
        "exercise": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "image", "steps", "level"],
            "properties": {
                "id": _ID,
                "title": _TEXT,
                "image": _PATH,
                "image_alt": _TEXT,
                "steps": {"type": "array", "minItems": 1, "items": _LONG_TEXT},
                "level": {"type": "integer", "minimum": 0, "maximum": 3},
                "easier": {"anyOf": [_ID, {"type": "null"}]},
                "harder": {"anyOf": [_ID, {"type": "null"}]},
                "hold_seconds": {"type": "integer", "minimum": 1, "maximum": 600},
                "repetitions": {"type": "integer", "minimum": 1, "maximum": 100},
                "cue": _TEXT,
                "cue_audio": _PATH,
                # The exercise's title and every step, read aloud (shown wherever its steps are shown).
                "narration": _PATH,
                # Where it is done; only chair and standing exercises may be on a chair-route routine.
                # An exercise that does not say counts as a floor exercise.
                "position": {"enum": ["floor", "bed", "chair", "standing"]},
            },
        },
        "routine_step": {
            "type": "object",
            "additionalProperties": False,
            "required": ["exercise"],
            "properties": {
                "exercise": _ID,
                "repetitions": {"type": "integer", "minimum": 1, "maximum": 100},
                "hold_seconds": {"type": "integer", "minimum": 1, "maximum": 600},
                "sets": {"type": "integer", "minimum": 1, "maximum": 10},
                # Rest after each set of this step (and before the next exercise); else the routine's.
                "rest_seconds": {"type": "integer", "minimum": 0, "maximum": 300},
            },
        },
        "routine": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "programme", "level", "rest_seconds", "steps"],
            "properties": {
                "id": _ID,
                "title": _TEXT,
                "summary": _LONG_TEXT,
                "programme": _ID,
                "level": {"type": "integer", "minimum": 0, "maximum": 4},
                "rest_seconds": {"type": "integer", "minimum": 0, "maximum": 300},
                # "chair": for people who cannot get down to the floor (no floor or lying exercise);
                # "floor" when absent.
                "route": {"enum": ["floor", "chair", "standing"]},
                # How long this routine should take, when not its programme level's minutes (a short
                # flare-up routine); the planned length must lie within it.
                "minutes": _RANGE,
                "steps": {"type": "array", "minItems": 1, "maxItems": 40, "items": {"$ref": "#/$defs/routine_step"}},
            },
        },
        "programme_level": {
            "type": "object",
            "additionalProperties": False,
            "required": ["level", "title", "description", "minutes", "days_per_week"],
            "properties": {
                "level": {"type": "integer", "minimum": 0, "maximum": 4},
                "title": _TEXT,
                "description": _LONG_TEXT,
                "minutes": _RANGE,
                "days_per_week": {**_RANGE, "items": {"type": "integer", "minimum": 0, "maximum": 7}},
                "routine": _ID,
            },
        },
        "programme": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "summary", "levels"],
            "properties": {
                "id": _ID,
                "title": _TEXT,
                "summary": _LONG_TEXT,
                "levels": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/programme_level"}},
            },
        },
    },
}
