"""Content packs: load a pack folder into frozen dataclasses, checking everything on the way.

A pack is a folder holding manifest.json (see content/schema.py), Markdown pages, SVG/PNG illustrations
and narration audio. `check_pack()` returns every problem found (file, field, reason); `load_pack()`
returns a ContentPack or raises PackError listing them. Nothing here imports Qt.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path, PurePosixPath

from sb_desktop.content.model import (  # noqa: F401  (re-exported: the pack's types live in content/model.py)
    ERROR,
    WARNING,
    ContentPack,
    Exercise,
    Module,
    PackError,
    PackProblem,
    Page,
    Programme,
    ProgrammeLevel,
    Routine,
    RoutineStep,
    Session,
    Source,
)
from sb_desktop.content.safety import (
    UnsafePath,
    find_remote_urls,
    forbidden_html,
    page_links,
    resolve_inside,
    svg_problems,
)
from sb_desktop.content.schema import MANIFEST_SCHEMA
from sb_desktop.domain.json_limits import JsonTooDeep, loads_bounded
from sb_desktop.i18n import _

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
# A pack may carry this file: the fingerprint of its manifest together with the app's schema, written by
# `validate-pack DIR --stamp` after a clean check. Opening a pack whose stamp matches skips the schema step (a
# pure function of those two texts, and a third of a second with jsonschema's import); every other check runs.
SCHEMA_STAMP_NAME = "manifest.schema-checked"
PAGE_SUFFIXES = (".md",)
IMAGE_SUFFIXES = (".svg", ".png")
AUDIO_SUFFIXES = (".ogg", ".opus", ".mp3", ".wav", ".flac", ".m4a")
MAX_MANIFEST_BYTES = 1_000_000
MAX_PAGE_BYTES = 256_000
MAX_IMAGE_BYTES = 5_000_000
MAX_AUDIO_BYTES = 25_000_000
PACK_SIZE_GUIDE_BYTES = 40_000_000


# ---------------------------------------------------------------------------------------------------
# Checking


class _Checker:
    """Collects problems while building the pack; one instance per check."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.real_root = self.root.resolve()
        self.problems: list[PackProblem] = []

    def error(self, file: str, where: str, reason: str) -> None:
        self.problems.append(PackProblem(file, where, reason, ERROR))

    def warn(self, file: str, where: str, reason: str) -> None:
        self.problems.append(PackProblem(file, where, reason, WARNING))

    # --- files ---

    def media(self, rel: str, where: str, suffixes: tuple[str, ...], max_bytes: int, kind: str) -> Path | None:
        """Resolve a manifest path safely and check the file is there, of the right kind and size."""
        try:
            path = resolve_inside(self.root, rel)
        except UnsafePath as reason:
            self.error(MANIFEST_NAME, where, _("refused: {reason}").format(reason=reason))
            return None
        if PurePosixPath(rel).suffix.lower() not in suffixes:
            self.error(MANIFEST_NAME, where, _("'{path}' is not a {kind} file (expected {suffixes})").format(
                path=rel, kind=kind, suffixes=", ".join(suffixes)))
            return None
        if not path.is_file():
            self.error(MANIFEST_NAME, where, _("the file '{path}' is missing").format(path=rel))
            return None
        size = path.stat().st_size
        if size > max_bytes:
            self.error(rel, "", _("{kind} file is {mb:.1f} MB; the most allowed is {max:.0f} MB").format(
                kind=kind, mb=size / 1e6, max=max_bytes / 1e6))
            return None
        if kind == "image":
            self._check_image(path, rel)
        return path

    def _check_image(self, path: Path, rel: str) -> None:
        data = path.read_bytes()
        if path.suffix.lower() == ".png":
            if not data.startswith(b"\x89PNG\r\n\x1a\n"):
                self.error(rel, "", _("this is not a PNG image"))
            return
        head = data[:1000].lstrip().lower()
        if not head.startswith((b"<svg", b"<?xml", b"<!--")):
            self.error(rel, "", _("this is not an SVG image"))
            return
        for reason in svg_problems(data):
            self.error(rel, "", _("unsafe SVG: {reason}").format(reason=reason))

    def page(self, raw: dict, where: str) -> Page | None:
        rel = raw["file"]
        path = self.media(rel, where + ".file", PAGE_SUFFIXES, MAX_PAGE_BYTES, "page")
        narration = image = None
        if raw.get("narration"):
            narration = self.media(raw["narration"], where + ".narration", AUDIO_SUFFIXES, MAX_AUDIO_BYTES, "audio")
        else:
            narration = self._conventional_narration(raw["id"])
        if raw.get("image"):
            image = self.media(raw["image"], where + ".image", IMAGE_SUFFIXES, MAX_IMAGE_BYTES, "image")
        if path is None:
            return None
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            self.error(rel, "", _("the page is not UTF-8 text (byte {at})").format(at=error.start))
            return None
        self._check_page_text(text, rel, path)
        return Page(id=raw["id"], title=raw["title"], path=path, text=text, narration=narration, image=image,
                    image_alt=raw.get("image_alt", ""), action=raw.get("action", "none"))

    def _conventional_narration(self, page_id: str) -> Path | None:
        # Recorded or generated audio at audio/<page-id>.<ext> counts even when the manifest does not name it.
        for suffix in AUDIO_SUFFIXES:
            try:
                candidate = resolve_inside(self.root, f"audio/{page_id}{suffix}")
            except UnsafePath:
                return None
            if candidate.is_file():
                return candidate
        return None

    def _check_page_text(self, text: str, rel: str, path: Path) -> None:
        if "\x00" in text:
            self.error(rel, "", _("the page contains a NUL character"))
        for line, tag in forbidden_html(text):
            self.error(rel, _("line {n}").format(n=line),
                       _("<{tag}> is not allowed in a page").format(tag=tag))
        for line, url in find_remote_urls(text):
            self.error(rel, _("line {n}").format(n=line),
                       _("remote or local-file URL '{url}' is not allowed in a page (it would never be "
                         "loaded); cite sources in the manifest's sources list").format(url=url[:80]))
        from sb_desktop.domain.safety import unknown_safety_placeholders
        for name in unknown_safety_placeholders(text):
            self.error(rel, "", _("unknown safety placeholder '{{{{safety:{name}}}}}'").format(name=name))
        page_dir = path.parent.relative_to(self.real_root).as_posix()
        for link in page_links(text):
            target = link.target.split("#", 1)[0]
            if not target or target.startswith("page:") or find_remote_urls(target):
                continue  # anchors; page: links are checked once all ids are known; URLs reported above
            where = _("line {n}").format(n=link.line)
            try:
                resolved = resolve_inside(self.root, target, base=page_dir)
                if not resolved.exists() and ".." not in PurePosixPath(target).parts:
                    resolved = resolve_inside(self.root, target)  # pack-root-relative names work too
            except UnsafePath as reason:
                self.error(rel, where, _("refused link: {reason}").format(reason=reason))
                continue
            if not resolved.is_file():
                self.error(rel, where, _("'{target}' is missing").format(target=target))
            elif link.is_image and resolved.suffix.lower() not in IMAGE_SUFFIXES:
                self.error(rel, where, _("'{target}' is not an SVG or PNG image").format(target=target))
            elif link.is_image:
                self._check_image(resolved, resolved.relative_to(self.real_root).as_posix())


def _field_path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (("." if text else "") + str(part))
    return text


def _schema_problems(manifest) -> list[PackProblem]:
    from jsonschema import Draft202012Validator  # only needed when a pack is checked

    validator = Draft202012Validator(MANIFEST_SCHEMA)
    problems = []
    for error in sorted(validator.iter_errors(manifest), key=lambda e: list(map(str, e.absolute_path))):
        where = _field_path(error.absolute_path)
        if error.validator == "additionalProperties":
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            reason = _("unknown field(s): {names}").format(names=", ".join(unknown))
        elif error.validator == "required":
            reason = error.message.replace("is a required property", "is missing")
        elif error.validator == "pattern":
            reason = _("'{value}' has the wrong form (ids: lower-case letters, digits and dashes)").format(
                value=error.instance)
        else:
            reason = error.message
        problems.append(PackProblem(MANIFEST_NAME, where, reason))
    return problems


def _read_manifest(checker: _Checker):
    manifest_path = checker.root / MANIFEST_NAME
    if not checker.root.is_dir():
        checker.error(str(checker.root), "", _("this folder does not exist"))
        return None
    if manifest_path.is_symlink() or not manifest_path.is_file():
        checker.error(MANIFEST_NAME, "", _("the pack has no manifest.json (or it is a link)"))
        return None
    if manifest_path.stat().st_size > MAX_MANIFEST_BYTES:
        checker.error(MANIFEST_NAME, "", _("the manifest is larger than 1 MB"))
        return None
    try:
        return loads_bounded(manifest_path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        checker.error(MANIFEST_NAME, "", _("the manifest is not UTF-8 text"))
    except json.JSONDecodeError as error:
        checker.error(MANIFEST_NAME, _("line {n}").format(n=error.lineno),
                      _("not valid JSON: {reason}").format(reason=error.msg))
    except JsonTooDeep as error:
        checker.error(MANIFEST_NAME, "", str(error))
    return None


def schema_stamp(root: Path | str) -> str:
    """The fingerprint a schema check vouches for: the app's manifest schema and this pack's manifest bytes."""
    import hashlib

    digest = hashlib.sha256(json.dumps(MANIFEST_SCHEMA, sort_keys=True).encode("utf-8"))
    digest.update(b"\0")
    digest.update((Path(root) / MANIFEST_NAME).read_bytes())
    return digest.hexdigest()


def _stamp_matches(root: Path) -> bool:
    try:
        return (root / SCHEMA_STAMP_NAME).read_text("ascii").strip() == schema_stamp(root)
    except (OSError, UnicodeDecodeError):
        return False


def check_pack(root: Path | str, *, trust_stamp: bool = False) -> tuple[ContentPack | None, list[PackProblem]]:
    """Check a pack folder completely. Returns (pack or None when any error was found, all problems).

    trust_stamp: skip the schema step when the pack's schema stamp matches (opening a pack; `validate-pack`
    always checks everything)."""
    checker = _Checker(Path(root))
    manifest = _read_manifest(checker)
    if manifest is None:
        return None, checker.problems
    trusted = trust_stamp and _stamp_matches(Path(root))
    schema_problems = [] if trusted else _schema_problems(manifest)
    if schema_problems:
        return None, checker.problems + schema_problems
    pack = _build(checker, manifest)
    _check_references(checker, manifest, pack)
    _check_size(checker)
    if any(p.severity == ERROR for p in checker.problems):
        return None, checker.problems
    warnings = tuple(p for p in checker.problems if p.severity == WARNING)
    return replace(pack, warnings=warnings), checker.problems


def load_pack(root: Path | str) -> ContentPack:
    """The checked pack, or PackError listing what is wrong."""
    pack, problems = check_pack(root, trust_stamp=True)
    if pack is None:
        raise PackError(Path(root), problems)
    return pack


def _pages(checker: _Checker, raw_pages: list, where: str) -> tuple[Page, ...]:
    pages = []
    for i, raw in enumerate(raw_pages):
        page = checker.page(raw, f"{where}.pages[{i}]")
        if page is not None:
            pages.append(page)
    return tuple(pages)


def _build(checker: _Checker, m: dict) -> ContentPack:
    sessions = tuple(
        Session(id=s["id"], number=s["number"], title=s["title"], summary=s["summary"],
                pages=_pages(checker, s["pages"], f"sessions[{i}]"))
        for i, s in enumerate(m["sessions"])
    )
    modules = tuple(
        Module(id=mod["id"], title=mod["title"], kind=mod["kind"], summary=mod["summary"],
               pages=_pages(checker, mod["pages"], f"modules[{i}]"))
        for i, mod in enumerate(m["modules"])
    )
    exercises = []
    for i, e in enumerate(m["exercises"]):
        image = checker.media(e["image"], f"exercises[{i}].image", IMAGE_SUFFIXES, MAX_IMAGE_BYTES, "image")
        cue_audio = None
        if e.get("cue_audio"):
            cue_audio = checker.media(e["cue_audio"], f"exercises[{i}].cue_audio", AUDIO_SUFFIXES,
                                      MAX_AUDIO_BYTES, "audio")
        else:
            candidate = checker.root / "audio" / "cues" / f"{e['id']}.ogg"
            if candidate.is_file() and not candidate.is_symlink():
                cue_audio = candidate.resolve()
        narration = None
        if e.get("narration"):
            narration = checker.media(e["narration"], f"exercises[{i}].narration", AUDIO_SUFFIXES,
                                      MAX_AUDIO_BYTES, "audio")
        exercises.append(Exercise(
            id=e["id"], title=e["title"], image=image, steps=tuple(e["steps"]), level=e["level"],
            easier=e.get("easier"), harder=e.get("harder"), hold_seconds=e.get("hold_seconds"),
            repetitions=e.get("repetitions"), cue=e.get("cue", ""), cue_audio=cue_audio,
            image_alt=e.get("image_alt", ""), position=e.get("position", "floor"), narration=narration))
    routines = tuple(
        Routine(id=r["id"], title=r["title"], programme=r["programme"], level=r["level"],
                rest_seconds=r["rest_seconds"], summary=r.get("summary", ""), route=r.get("route", "floor"),
                minutes=tuple(r["minutes"]) if r.get("minutes") else None,
                steps=tuple(RoutineStep(exercise=s["exercise"], repetitions=s.get("repetitions"),
                                        hold_seconds=s.get("hold_seconds"), sets=s.get("sets", 1),
                                        rest_seconds=s.get("rest_seconds"))
                            for s in r["steps"]))
        for r in m["routines"]
    )
    programmes = tuple(
        Programme(id=p["id"], title=p["title"], summary=p["summary"],
                  levels=tuple(sorted((ProgrammeLevel(level=lv["level"], title=lv["title"],
                                                      description=lv["description"],
                                                      minutes=tuple(lv["minutes"]),
                                                      days_per_week=tuple(lv["days_per_week"]),
                                                      routine=lv.get("routine"))
                                       for lv in p["levels"]), key=lambda lv: lv.level)))
        for p in m["programmes"]
    )
    return ContentPack(
        root=checker.real_root, id=m["id"], title=m["title"], version=m["version"], language=m["language"],
        sources=tuple(Source(title=s["title"], url=s.get("url", ""), note=s.get("note", "")) for s in m["sources"]),
        sessions=tuple(sorted(sessions, key=lambda s: s.number)), modules=modules, exercises=tuple(exercises),
        routines=routines, programmes=programmes)


def _duplicates(items: list[tuple[str, str]], checker: _Checker, kind: str) -> None:
    seen: dict[str, str] = {}
    for value, where in items:
        if value in seen:
            checker.error(MANIFEST_NAME, where, _("{kind} '{value}' is used twice (first at {first})").format(
                kind=kind, value=value, first=seen[value]))
        else:
            seen[value] = where


def _check_references(checker: _Checker, m: dict, pack: ContentPack) -> None:
    _duplicates([(s["id"], f"sessions[{i}].id") for i, s in enumerate(m["sessions"])], checker, _("session id"))
    _duplicates([(s["number"], f"sessions[{i}].number") for i, s in enumerate(m["sessions"])], checker,
                _("session number"))
    _duplicates([(mod["id"], f"modules[{i}].id") for i, mod in enumerate(m["modules"])], checker, _("module id"))
    page_ids = [(p["id"], f"{group}[{i}].pages[{j}].id")
                for group in ("sessions", "modules") for i, g in enumerate(m[group]) for j, p in enumerate(g["pages"])]
    _duplicates(page_ids, checker, _("page id"))
    _duplicates([(e["id"], f"exercises[{i}].id") for i, e in enumerate(m["exercises"])], checker, _("exercise id"))
    _duplicates([(r["id"], f"routines[{i}].id") for i, r in enumerate(m["routines"])], checker, _("routine id"))
    _duplicates([(p["id"], f"programmes[{i}].id") for i, p in enumerate(m["programmes"])], checker,
                _("programme id"))
    numbers = sorted(s["number"] for s in m["sessions"])
    if numbers != list(range(1, len(numbers) + 1)):
        checker.error(MANIFEST_NAME, "sessions", _("session numbers must run 1, 2, 3 … without gaps; found {numbers}")
                      .format(numbers=numbers))

    exercises = {e["id"]: e for e in m["exercises"]}
    for i, e in enumerate(m["exercises"]):
        for direction in ("easier", "harder"):
            other = e.get(direction)
            if other is None:
                continue
            if other == e["id"]:
                checker.error(MANIFEST_NAME, f"exercises[{i}].{direction}", _("an exercise cannot point to itself"))
            elif other not in exercises:
                checker.error(MANIFEST_NAME, f"exercises[{i}].{direction}",
                              _("there is no exercise '{id}'").format(id=other))
        if e.get("hold_seconds") is None and e.get("repetitions") is None:
            checker.warn(MANIFEST_NAME, f"exercises[{i}]",
                         _("'{id}' has neither hold_seconds nor repetitions; routines must give one").format(id=e["id"]))

    programmes = {p["id"]: p for p in m["programmes"]}
    routines = {r["id"]: r for r in m["routines"]}
    for i, r in enumerate(m["routines"]):
        if r["programme"] not in programmes:
            checker.error(MANIFEST_NAME, f"routines[{i}].programme",
                          _("there is no programme '{id}'").format(id=r["programme"]))
        for j, step in enumerate(r["steps"]):
            exercise = exercises.get(step["exercise"])
            if exercise is None:
                checker.error(MANIFEST_NAME, f"routines[{i}].steps[{j}].exercise",
                              _("there is no exercise '{id}'").format(id=step["exercise"]))
            elif not any(step.get(k) or exercise.get(k) for k in ("hold_seconds", "repetitions")):
                checker.error(MANIFEST_NAME, f"routines[{i}].steps[{j}]",
                              _("neither the step nor exercise '{id}' says how long to hold or how many "
                                "repetitions").format(id=step["exercise"]))
            if (exercise is not None and r.get("route") in ("chair", "standing")
                    and exercise.get("position", "floor") not in ("chair", "standing")):
                # The chair route is for people who cannot get down to the floor: never a floor exercise.
                checker.error(MANIFEST_NAME, f"routines[{i}].steps[{j}].exercise",
                              _("'{id}' is done on the floor or lying down, so it cannot be on a chair-route "
                                "routine (give it \"position\": \"chair\" or \"standing\" if it is not)").format(
                                  id=step["exercise"]))
        if r.get("minutes") and r["minutes"][0] > r["minutes"][1]:
            checker.error(MANIFEST_NAME, f"routines[{i}].minutes", _("the range {low}-{high} runs backwards").format(
                low=r["minutes"][0], high=r["minutes"][1]))
    for i, p in enumerate(m["programmes"]):
        _duplicates([(lv["level"], f"programmes[{i}].levels[{j}].level") for j, lv in enumerate(p["levels"])],
                    checker, _("level"))
        for j, lv in enumerate(p["levels"]):
            where = f"programmes[{i}].levels[{j}]"
            for key in ("minutes", "days_per_week"):
                low, high = lv[key]
                if low > high:
                    checker.error(MANIFEST_NAME, f"{where}.{key}", _("the range {low}-{high} runs backwards").format(
                        low=low, high=high))
            routine_id = lv.get("routine")
            if routine_id and routine_id not in routines:
                checker.error(MANIFEST_NAME, f"{where}.routine", _("there is no routine '{id}'").format(id=routine_id))
    if any(p.get("action") == "choose_programme" for s in m["sessions"] for p in s["pages"]) and not m["programmes"]:
        checker.error(MANIFEST_NAME, "programmes", _("a page asks to choose a programme but the pack has none"))

    all_page_ids = {pid for pid, _where in page_ids}
    for group in (*pack.sessions, *pack.modules):
        for page in group.pages:
            rel = page.path.relative_to(checker.real_root).as_posix()
            for link in page_links(page.text):
                if link.target.startswith("page:") and link.target[5:].split("#")[0] not in all_page_ids:
                    checker.error(rel, _("line {n}").format(n=link.line),
                                  _("link to unknown page '{id}'").format(id=link.target[5:]))
    _check_durations(checker, pack)
    named = {p["id"] for s in m["sessions"] for p in s["pages"] if p.get("narration")}
    for session in pack.sessions:
        for page in session.pages:
            if page.narration is None and page.id not in named:  # a named but missing file is already an error
                checker.warn(MANIFEST_NAME, f"sessions ({session.id}).pages ({page.id})",
                             _("no narration audio; the page will be text only"))


def _check_durations(checker: _Checker, pack: ContentPack) -> None:
    """A routine should take about as long as it prescribes: warn when its planned length falls outside."""
    from sb_desktop.domain.routine import prescribed_minutes, routine_seconds

    if any(pack.exercise(step.exercise) is None for r in pack.routines for step in r.steps):
        return   # an unknown exercise is already an error
    for i, routine in enumerate(pack.routines):
        minutes = prescribed_minutes(routine, pack.programme(routine.programme))
        if minutes is None:
            continue
        seconds = routine_seconds(routine, pack.exercise)
        if not minutes[0] * 60 <= seconds <= minutes[1] * 60:
            checker.warn(MANIFEST_NAME, f"routines[{i}]", _(
                "'{id}' takes about {m} min {s} s as planned, outside its {low}-{high} minutes").format(
                id=routine.id, m=seconds // 60, s=seconds % 60, low=minutes[0], high=minutes[1]))


def _check_size(checker: _Checker) -> None:
    total = 0
    for dirpath, dirnames, filenames in os.walk(checker.root):
        for name in (*dirnames, *filenames):
            path = Path(dirpath) / name
            if path.is_symlink() and not path.resolve().is_relative_to(checker.real_root):
                checker.error(path.relative_to(checker.root).as_posix(), "",
                              _("symbolic link pointing outside the pack"))
                continue
            if path.is_dir():
                continue
            try:
                total += path.stat().st_size
            except OSError as error:  # a file that cannot be read is refused by the checks above
                log.warning("pack size: %s could not be read (%s)", path.name, type(error).__name__)
    if total > PACK_SIZE_GUIDE_BYTES:
        checker.warn(".", "", _("the pack holds {mb:.1f} MB; keep it under {max:.0f} MB").format(
            mb=total / 1e6, max=PACK_SIZE_GUIDE_BYTES / 1e6))


def pack_size_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file() and not p.is_symlink())
