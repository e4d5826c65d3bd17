"""Session progress on disk: pages reached, start and finish times, programme and module choices."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.programme import SessionProgress
from sb_desktop.storage.database import Database
from sb_desktop.storage.migrations import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

migrations = MigrationSet("sb_sessions")


@migrations()
def m001_session_tables(db: SqliteUtilsDatabase) -> None:
    # Keyed by pack as well as session, so a clinic that swaps packs does not mix progress up.
    db.table("session_progress").create({
        "pack_id": str, "session_id": str, "page_index": int, "page_id": str, "pages_seen": int,
        "started_at": str, "finished_at": str, "updated_at": str,
    }, pk=("pack_id", "session_id"), not_null={"page_index", "pages_seen", "updated_at"},
        defaults={"page_index": 0, "pages_seen": 0})
    # History of choices; the newest row is the current one.
    db.table("programme_choices").create({
        "id": int, "pack_id": str, "programme": str, "level": int, "session_id": str, "chosen_at": str,
    }, pk="id", not_null={"pack_id", "programme", "level", "chosen_at"})
    db.table("module_choices").create({
        "id": int, "pack_id": str, "module_id": str, "session_id": str, "chosen_at": str,
    }, pk="id", not_null={"pack_id", "module_id", "chosen_at"})


@dataclass(frozen=True)
class ProgrammeChoice:
    programme: str
    level: int
    session_id: str | None
    chosen_at: str


@dataclass(frozen=True)
class ModuleChoice:
    module_id: str
    session_id: str | None
    chosen_at: str


class SessionStore:
    """Progress through one pack's sessions for the open profile; each write is one transaction."""

    def __init__(self, db: Database, pack_id: str):
        self.db = db
        self.pack_id = pack_id

    # --- progress ---

    def progress(self) -> dict[str, SessionProgress]:
        rows = self.db.execute(
            "SELECT session_id, page_index, page_id, pages_seen, started_at, finished_at FROM session_progress "
            "WHERE pack_id = ?", [self.pack_id]).fetchall()
        return {r[0]: SessionProgress(session_id=r[0], page_index=r[1], page_id=r[2], pages_seen=r[3],
                                      started_at=r[4], finished_at=r[5]) for r in rows}

    def get(self, session_id: str) -> SessionProgress | None:
        return self.progress().get(session_id)

    def _written(self, session_id: str) -> SessionProgress:
        """A session's progress just written (so it exists)."""
        progress = self.get(session_id)
        if progress is None:
            raise LookupError(f"session {session_id} was not written")
        return progress

    def open_page(self, session_id: str, page_index: int, page_id: str, *, at: str | None = None) -> SessionProgress:
        """Remember that the person is on this page (starting the session if it is the first visit)."""
        at = at or now_iso()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO session_progress (pack_id, session_id, page_index, page_id, pages_seen, started_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(pack_id, session_id) DO UPDATE SET page_index = excluded.page_index, "
                "page_id = excluded.page_id, pages_seen = max(pages_seen, excluded.pages_seen), "
                "started_at = coalesce(started_at, excluded.started_at), updated_at = excluded.updated_at",
                [self.pack_id, session_id, page_index, page_id, page_index + 1, at, at])
        return self._written(session_id)

    def finish(self, session_id: str, *, at: str | None = None) -> SessionProgress:
        """Mark the session finished (the first finish counts; reading it again changes nothing)."""
        at = at or now_iso()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO session_progress (pack_id, session_id, page_index, pages_seen, started_at, finished_at, "
                "updated_at) VALUES (?, ?, 0, 0, ?, ?, ?) "
                "ON CONFLICT(pack_id, session_id) DO UPDATE SET finished_at = coalesce(finished_at, excluded.finished_at), "
                "started_at = coalesce(started_at, excluded.started_at), updated_at = excluded.updated_at",
                [self.pack_id, session_id, at, at, at])
        return self._written(session_id)

    # --- choices ---

    def choose_programme(self, programme: str, level: int, session_id: str | None = None, *,
                         at: str | None = None) -> ProgrammeChoice:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO programme_choices (pack_id, programme, level, session_id, chosen_at) VALUES (?, ?, ?, ?, ?)",
                [self.pack_id, programme, int(level), session_id, at or now_iso()])
        choice = self.programme_choice()
        if choice is None:
            raise LookupError("the programme choice was not written")
        return choice

    def programme_choice(self) -> ProgrammeChoice | None:
        row = self.db.execute(
            "SELECT programme, level, session_id, chosen_at FROM programme_choices WHERE pack_id = ? "
            "ORDER BY id DESC LIMIT 1", [self.pack_id]).fetchone()
        return ProgrammeChoice(*row) if row else None

    def choose_module(self, module_id: str, session_id: str | None = None, *, at: str | None = None) -> ModuleChoice:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO module_choices (pack_id, module_id, session_id, chosen_at) VALUES (?, ?, ?, ?)",
                [self.pack_id, module_id, session_id, at or now_iso()])
        return self.module_choices()[-1]

    def module_choices(self) -> list[ModuleChoice]:
        """Oldest first."""
        rows = self.db.execute(
            "SELECT module_id, session_id, chosen_at FROM module_choices WHERE pack_id = ? ORDER BY id",
            [self.pack_id]).fetchall()
        return [ModuleChoice(*row) for row in rows]

    def module_for_session(self, session_id: str) -> str | None:
        chosen = [c.module_id for c in self.module_choices() if c.session_id == session_id]
        return chosen[-1] if chosen else None
