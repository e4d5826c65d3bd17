"""The Progress chart's numbers as tables (day by day and week by week) for people who prefer not to read charts."""
from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QTabWidget, QWidget

from sb_desktop.i18n import _


def _number(value, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.{digits}f}"


class SeriesTableModel(QAbstractTableModel):
    """Read-only, newest first. Rows are formatted only when Qt asks for them, so that switching range
    stays instant even with years of days."""

    def __init__(self, headers: list[str], row_function, parent=None):
        super().__init__(parent)
        self.headers = headers
        self.row_function = row_function     # (view, index from the newest) -> tuple of strings
        self.view = None
        self.count = 0

    def set_view(self, view, count: int) -> None:
        self.beginResetModel()
        self.view, self.count = view, count
        self.endResetModel()

    def row(self, number: int) -> tuple[str, ...]:
        return self.row_function(self.view, number)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.row(index.row())[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def daily_row(view, number: int) -> tuple[str, ...]:
    daily = view.daily
    i = daily.days - 1 - number
    date = daily.start + dt.timedelta(days=i)
    known = bool(daily.minutes_known[i]) or daily.minutes[i] > 0
    return (
        date.strftime("%a %d %b %Y"),
        _number(daily.pain[i], 1),
        str(int(daily.ratings[i])) if daily.ratings[i] else "—",
        _number(daily.soreness[i], 1),
        _number(daily.minutes[i]) if known else "—",
        _number(daily.steps[i]),
    )


def weekly_row(view, number: int) -> tuple[str, ...]:
    weekly = view.weekly
    i = len(weekly) - 1 - number
    return (
        weekly.week_starts[i].strftime("%d %b %Y"),
        _number(weekly.pain[i], 1),
        str(int(weekly.rated_days[i])),
        _number(weekly.minutes[i]),
        _number(weekly.minutes_per_day[i]),
        str(int(weekly.active_days[i])),
        _number(weekly.steps[i]),
        _number(weekly.steps_per_day[i]),
    )


class ProgressTables(QTabWidget):
    """Two tabs, day by day and week by week, for the range the chart shows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Progress as tables"))
        self.daily_model = SeriesTableModel([_("Date"), _("Pain (average)"), _("Ratings"),
                                             _("Soreness after activity"), _("Activity (minutes)"), _("Steps")],
                                            daily_row, self)
        self.weekly_model = SeriesTableModel([_("Week starting"), _("Pain (average)"), _("Days rated"),
                                              _("Activity (minutes)"), _("Minutes a day"), _("Active days"),
                                              _("Steps"), _("Steps a day")], weekly_row, self)
        self.daily_table = self._table(self.daily_model, _("Day by day, newest first"))
        self.weekly_table = self._table(self.weekly_model, _("Week by week, newest first"))
        self.addTab(self.daily_table, _("Day by day"))
        self.addTab(self.weekly_table, _("Week by week"))

    def _table(self, model, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def show_view(self, view) -> None:
        if view is None:
            self.daily_model.set_view(None, 0)
            self.weekly_model.set_view(None, 0)
            return
        self.daily_model.set_view(view, view.daily.days)
        self.weekly_model.set_view(view, len(view.weekly))
        self.setCurrentIndex(1 if view.weekly_resolution else 0)
