"""Pain and activity entries on disk: every write is one committed transaction before it returns."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sb_desktop.domain.entries import AFTER_ACTIVITY, DAY, ActivityEntry, Entry, PainEntry
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.database import Database

_COLUMNS = ("id", "entry", "date", "time", "value", "interference", "activity_kind", "steps", "effort",
            "note", "source", "recorded_at", "import_key", "context")


def entry_to_row(entry: Entry) -> dict:
    row = {
        "entry": entry.entry,
        "date": entry.date.isoformat(),
        "time": entry.time.strftime("%H:%M") if entry.time else None,
        "value": entry.value,
        "note": entry.note,
        "source": entry.source,
        "recorded_at": entry.recorded_at,
        "import_key": entry.import_key,
        "interference": None, "activity_kind": None, "steps": None, "effort": None, "context": DAY,
    }
    if isinstance(entry, PainEntry):
        row["interference"] = entry.interference
        row["context"] = entry.context
    else:
        row.update(activity_kind=entry.kind, steps=entry.steps, effort=entry.effort)
    if entry.id is not None:
        row["id"] = entry.id
    return row


def row_to_entry(row) -> Entry:
    (id_, entry, date, time, value, interference, kind, steps, effort, note, source, recorded_at,
     import_key, context) = row
    common = dict(
        id=id_, date=dt.date.fromisoformat(date), time=dt.time.fromisoformat(time) if time else None,
        note=note or "", source=source, recorded_at=recorded_at, import_key=import_key,
    )
    if entry == "pain":
        return PainEntry(intensity=value, interference=interference, context=context or DAY, **common)
    return ActivityEntry(minutes=value, kind=kind, steps=steps, effort=effort, **common)


class EntryNotFound(UserError):
    pass


@dataclass(frozen=True)
class JournalDay:
    """One day of the journal at a glance: how many entries, the day's average pain, its active minutes."""

    date: dt.date
    entries: int
    pain_average: float | None           # ratings of the day only
    active_minutes: int
    soreness_average: float | None = None   # ratings straight after activity, kept apart
    steps: int | None = None


class JournalStore:
    """Queries and writes for the entries table of one open profile database."""

    def __init__(self, db: Database):
        self.db = db

    # --- writes: each one a single transaction, committed before returning ---

    def add(self, entry: Entry) -> Entry:
        with self.db.atomic():
            new_id = self._insert(entry)
        return self.get(new_id)

    def add_many(self, entries: Iterable[Entry]) -> tuple[int, int]:
        """All-or-nothing insert. Entries whose import_key is already present are skipped.

        Returns (added, skipped)."""
        added = skipped = 0
        with self.db.atomic():
            for entry in entries:
                if entry.import_key and self._has_import_key(entry.import_key):
                    skipped += 1
                    continue
                self._insert(entry)
                added += 1
        return added, skipped

    def merge(self, changed: Iterable[Entry], fresh: Iterable[Entry]) -> tuple[int, int]:
        """Update `changed` and add `fresh` in one transaction; returns add_many's (added, skipped)."""
        with self.db.atomic():
            for entry in changed:
                self.update(entry)
            return self.add_many(fresh)

    def update(self, entry: Entry) -> Entry:
        if entry.id is None:
            raise EntryNotFound(_("That entry has not been saved yet."))
        row = entry_to_row(entry)
        row.pop("id", None)
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE entries SET " + ", ".join(f"{k} = ?" for k in row) + " WHERE id = ?",
                [*row.values(), entry.id],
            )
            if cursor.rowcount != 1:
                raise EntryNotFound(_("Entry {id} no longer exists.").format(id=entry.id))
        return self.get(entry.id)

    def delete(self, entry_id: int) -> Entry:
        """Delete and return the entry, so the caller can offer undo."""
        with self.db.atomic():
            entry = self.get(entry_id)
            self.db.execute("DELETE FROM entries WHERE id = ?", [entry_id])
        return entry

    def restore(self, entry: Entry) -> Entry:
        """Undo a delete: put the entry back with its original id."""
        return self.add(entry)

    def _insert(self, entry: Entry) -> int:
        row = entry_to_row(entry)
        cursor = self.db.execute(
            f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )
        return cursor.lastrowid

    def _has_import_key(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE import_key = ?", [key]).fetchone() is not None

    # --- reads ---

    def get(self, entry_id: int) -> Entry:
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM entries WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise EntryNotFound(_("There is no entry with id {id}.").format(id=entry_id))
        return row_to_entry(row)

    def entries(self, start: dt.date | None = None, end: dt.date | None = None, *,
                kind: str | None = None, newest_first: bool = True) -> list[Entry]:
        where, params = self._range(start, end, kind)
        order = "DESC" if newest_first else "ASC"
        rows = self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM entries {where} "
            f"ORDER BY date {order}, time IS NULL {order}, time {order}, id {order}",
            params,
        ).fetchall()
        return [row_to_entry(row) for row in rows]

    def days(self) -> list[JournalDay]:
        """Every day that has entries, newest first, in one aggregate query (the Journal's outline: it reads
        a day's entries only when that day is on screen)."""
        rows = self.db.execute(
            "SELECT date, count(*), avg(CASE WHEN entry = 'pain' AND context = ? THEN value END), "
            "coalesce(sum(CASE WHEN entry = 'activity' THEN value END), 0), "
            "avg(CASE WHEN entry = 'pain' AND context = ? THEN value END), "
            "sum(CASE WHEN entry = 'activity' THEN steps END) "
            "FROM entries GROUP BY date ORDER BY date DESC", [DAY, AFTER_ACTIVITY]).fetchall()
        return [JournalDay(dt.date.fromisoformat(date), count, pain, int(minutes), soreness, steps)
                for date, count, pain, minutes, soreness, steps in rows]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM entries").fetchone()[0]

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        first, last = self.db.execute("SELECT min(date), max(date) FROM entries").fetchone()
        if first is None:
            return None
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)

    def daily_pain(self, start: dt.date | None = None, end: dt.date | None = None, *,
                   context: str = DAY) -> list[tuple[dt.date, float, int]]:
        """(date, mean pain that day, number of ratings), oldest first.

        Only ratings of the day by default: ratings taken straight after activity (context
        'after_activity', soreness) would push pain up on exercise days; ask for them with that context."""
        where, params = self._range(start, end, "pain")
        where += " AND context = ?"
        params.append(context)
        rows = self.db.execute(
            f"SELECT date, avg(value), count(*) FROM entries {where} GROUP BY date ORDER BY date", params
        ).fetchall()
        return [(dt.date.fromisoformat(d), float(mean), n) for d, mean, n in rows]

    def daily_activity(self, start: dt.date | None = None, end: dt.date | None = None
                       ) -> list[tuple[dt.date, int, int | None]]:
        """(date, total minutes that day, total steps or None when no entry had steps), oldest first.

        A day's imported step total (import_key 'steps:<date>', from a phone or watch) already counts every
        step of that day, so on such days it replaces, rather than adds to, steps typed in by hand."""
        where, params = self._range(start, end, "activity")
        rows = self.db.execute(
            f"SELECT date, sum(value), CASE WHEN max(import_key LIKE 'steps:%') = 1 "
            f"THEN sum(CASE WHEN import_key LIKE 'steps:%' THEN steps END) ELSE sum(steps) END "
            f"FROM entries {where} GROUP BY date ORDER BY date", params
        ).fetchall()
        return [(dt.date.fromisoformat(d), int(minutes), None if steps is None else int(steps))
                for d, minutes, steps in rows]

    def daily_soreness(self, start: dt.date | None = None, end: dt.date | None = None
                       ) -> list[tuple[dt.date, float, int]]:
        """daily_pain() for the ratings taken straight after activity."""
        return self.daily_pain(start, end, context=AFTER_ACTIVITY)

    @staticmethod
    def _range(start, end, kind) -> tuple[str, list]:
        clauses, params = [], []
        if kind:
            clauses.append("entry = ?")
            params.append(kind)
        if start:
            clauses.append("date >= ?")
            params.append(start.isoformat())
        if end:
            clauses.append("date <= ?")
            params.append(end.isoformat())
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
