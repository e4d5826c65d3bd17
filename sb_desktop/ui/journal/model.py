"""The Journal as a flat table model: for each day, newest first, a heading row and then that day's entries.
Only the outline (one row a day, from one aggregate query) is read up front; a day's entries are read, a block
of days at a time, when the view first shows them. A flat table lets the view lay out 20,000 rows without
asking the model about each one, so a journal of years opens as fast as a week's."""
from __future__ import annotations

import bisect

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtGui import QFont

from sb_desktop.domain.entries import describe
from sb_desktop.i18n import _
from sb_desktop.ui.common.style import day_date

DISPLAY, FONT, ACCESSIBLE = 0, 6, 11   # Qt.ItemDataRole values, named here so Qt's namespace stays unbuilt
CHUNK_DAYS = 60                        # days read together when one of them is first shown
ENTRY_ROLE = 257                       # Qt.ItemDataRole.UserRole + 1: the Entry behind a row
COLUMNS = 4


def source_label(source: str) -> str:
    if source == "manual":
        return ""
    if source == "session":
        return _("from a routine")
    return _("imported ({fmt})").format(fmt=source.partition(":")[2])


def day_summary(day) -> str:
    parts = []
    if day.pain_average is not None:
        parts.append(_("pain {avg:.1f} avg").format(avg=day.pain_average))
    if day.soreness_average is not None:   # kept apart from the day's pain, as Progress keeps it
        parts.append(_("soreness after activity {avg:.1f}").format(avg=day.soreness_average))
    if day.active_minutes:
        parts.append(_("{n} min active").format(n=day.active_minutes))
    if day.steps:
        parts.append(_("{n} steps").format(n=f"{day.steps:,}"))
    return ", ".join(parts)


class JournalModel(QAbstractTableModel):
    """Row r is a day's heading or one of its entries: `starts[d]` is the row of day d's heading."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.journal = None
        self.days: list = []
        self.starts: list[int] = []
        self._rows = 0
        self._entries: dict[int, list] = {}
        self._bold: QFont | None = None

    def load(self, journal) -> None:
        self.beginResetModel()
        self.journal = journal
        self.days = journal.days() if journal is not None else []
        self.starts, row = [], 0
        for day in self.days:
            self.starts.append(row)
            row += 1 + day.entries
        self._rows = row
        self._entries = {}
        self.endResetModel()

    def total(self) -> int:
        return self._rows - len(self.days)

    def entries_of(self, day_row: int) -> list:
        """A day's entries, newest first. Read a block of days at a time (one query for the block), so
        scrolling a long journal costs one small query per screenful or two, not one per day."""
        cached = self._entries.get(day_row)
        if cached is None:
            first, last = day_row, min(len(self.days), day_row + CHUNK_DAYS) - 1
            newest, oldest = self.days[first].date, self.days[last].date
            by_date: dict = {}
            for entry in (self.journal.entries(oldest, newest) if self.journal is not None else []):
                by_date.setdefault(entry.date, []).append(entry)
            for row in range(first, last + 1):
                self._entries.setdefault(row, by_date.get(self.days[row].date, []))
            cached = self._entries[day_row]
        return cached

    def place(self, row: int) -> tuple[int, int]:
        """(day, position) for a table row: position 0 is the day's heading, n its n-th entry."""
        day = bisect.bisect_right(self.starts, row) - 1
        return day, row - self.starts[day]

    def entry_at(self, row: int):
        if not 0 <= row < self._rows:
            return None
        day, position = self.place(row)
        if position == 0:
            return None
        entries = self.entries_of(day)
        return entries[position - 1] if position - 1 < len(entries) else None

    def locate(self, entry) -> QModelIndex:
        """The index of an entry, reading only the days around it."""
        for day, summary in enumerate(self.days):
            if summary.date == entry.date:
                for position, candidate in enumerate(self.entries_of(day), start=1):
                    if candidate.id == entry.id:
                        return self.index(self.starts[day] + position, 0)
        return QModelIndex()

    # --- QAbstractTableModel ---

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section, orientation, role=DISPLAY):
        if int(role.value if hasattr(role, "value") else role) != DISPLAY:
            return None
        if int(orientation.value if hasattr(orientation, "value") else orientation) != 1:
            return None
        return (_("When"), _("Entry"), _("Note"), _("Source"))[section]

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        role = int(role.value if hasattr(role, "value") else role)
        day, position = self.place(index.row())
        if position == 0:
            summary = self.days[day]
            if role in (DISPLAY, ACCESSIBLE):
                return (day_date(summary.date), day_summary(summary), "",
                        "")[index.column()]
            if role == FONT:
                if self._bold is None:
                    self._bold = QFont()
                    self._bold.setBold(True)
                return self._bold
            return None
        entry = self.entry_at(index.row())
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        if role in (DISPLAY, ACCESSIBLE):
            return ("   " + (entry.time.strftime("%H:%M") if entry.time else "—"), describe(entry), entry.note,
                    source_label(entry.source))[index.column()]
        return None
