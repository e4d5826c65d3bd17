"""What a loaded content pack is: frozen dataclasses for its sessions, topics, pages, exercises, routines and
programmes, and the problems a check can find. content/pack.py builds them from a pack folder."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack: which file, which field in it, and why."""

    file: str
    field: str
    reason: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.file + (f" [{self.field}]" if self.field else "")
        label = _("error") if self.severity == ERROR else _("warning")
        return f"{where}: {label}: {self.reason}"


class PackError(UserError):
    """The pack cannot be used; `problems` lists every error found."""

    def __init__(self, root: Path, problems: list[PackProblem]):
        self.root = Path(root)
        self.problems = problems
        errors = [p for p in problems if p.severity == ERROR]
        first = errors[0] if errors else None
        message = _("The content pack in {folder} cannot be used ({n} problems); the first: {problem}").format(
            folder=root, n=len(errors), problem=first)
        super().__init__(message)


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    path: Path                 # the Markdown file, resolved inside the pack
    text: str                  # its Markdown, already checked
    narration: Path | None = None
    image: Path | None = None
    image_alt: str = ""
    action: str = "none"


@dataclass(frozen=True)
class Session:
    id: str
    number: int
    title: str
    summary: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    kind: str                  # optional | barrier
    summary: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    image: Path
    steps: tuple[str, ...]
    level: int
    easier: str | None = None
    harder: str | None = None
    hold_seconds: int | None = None
    repetitions: int | None = None
    cue: str = ""
    cue_audio: Path | None = None
    image_alt: str = ""
    position: str = "floor"      # floor | bed | chair | standing
    narration: Path | None = None  # the title and every step, read aloud


@dataclass(frozen=True)
class RoutineStep:
    exercise: str
    repetitions: int | None = None
    hold_seconds: int | None = None
    sets: int = 1
    rest_seconds: int | None = None   # rest after each set of this step; None: the routine's rest


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    programme: str
    level: int
    rest_seconds: int
    steps: tuple[RoutineStep, ...]
    summary: str = ""
    route: str = "floor"         # floor | chair | standing (chair and standing: no floor or lying exercise)
    minutes: tuple[int, int] | None = None   # its own prescribed minutes (e.g. a short flare-up routine)


@dataclass(frozen=True)
class ProgrammeLevel:
    level: int
    title: str
    description: str
    minutes: tuple[int, int]
    days_per_week: tuple[int, int]
    routine: str | None = None


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    summary: str
    levels: tuple[ProgrammeLevel, ...]

    def level(self, number: int) -> ProgrammeLevel | None:
        return next((lv for lv in self.levels if lv.level == number), None)


@dataclass(frozen=True)
class ContentPack:
    root: Path
    id: str
    title: str
    version: str
    language: str
    sources: tuple[Source, ...]
    sessions: tuple[Session, ...]
    modules: tuple[Module, ...]
    exercises: tuple[Exercise, ...]
    routines: tuple[Routine, ...]
    programmes: tuple[Programme, ...]
    warnings: tuple[PackProblem, ...] = field(default=(), compare=False)

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def routine(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    def programme(self, programme_id: str) -> Programme | None:
        return next((p for p in self.programmes if p.id == programme_id), None)

    def page(self, page_id: str) -> Page | None:
        for group in (*self.sessions, *self.modules):
            for page in group.pages:
                if page.id == page_id:
                    return page
        return None

    def page_for_path(self, path: Path) -> Page | None:
        for group in (*self.sessions, *self.modules):
            for page in group.pages:
                if page.path == path:
                    return page
        return None
