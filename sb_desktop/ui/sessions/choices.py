"""The choices a session page asks for: walking or back exercises at a level, and this week's extra topic."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import heading, note


class ProgrammeChooser(QWidget):
    """Walking or back exercises, and a level within it (suggested levels marked)."""

    saved = Signal(str, int)

    def __init__(self, pack, current=None, suggested: dict[str, tuple[int, int]] | None = None, parent=None):
        super().__init__(parent)
        self.pack = pack
        self.suggested = suggested or {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Choose your activity and level"), 1.1))
        self.programme_group = QButtonGroup(self)
        row = QHBoxLayout()
        for index, programme in enumerate(pack.programmes):
            button = QRadioButton(programme.title)
            button.setToolTip(programme.summary)
            self.programme_group.addButton(button, index)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.level = QComboBox()
        self.level.setAccessibleName(_("Level"))
        self.level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.description = note(small=True)
        self.save_button = QPushButton(_("&Save my choice"))
        self.confirmation = QLabel()
        self.confirmation.setWordWrap(True)
        level_row = QHBoxLayout()
        level_row.addWidget(QLabel(_("Level:")))
        level_row.addWidget(self.level, 1)
        level_row.addWidget(self.save_button)
        layout.addLayout(level_row)
        layout.addWidget(self.description)
        layout.addWidget(self.confirmation)
        self.programme_group.idClicked.connect(self._fill_levels)
        self.level.currentIndexChanged.connect(self._describe)
        self.save_button.clicked.connect(self._save)
        start = 0
        if current is not None:
            start = next((i for i, p in enumerate(pack.programmes) if p.id == current.programme), 0)
        if pack.programmes:
            self.programme_group.button(start).setChecked(True)
            self._fill_levels(start)
            if current is not None and pack.programmes[start].id == current.programme:
                self.select_level(current.level)

    @property
    def programme(self):
        index = self.programme_group.checkedId()
        return self.pack.programmes[index] if index >= 0 else None

    def select_programme(self, programme_id: str) -> None:
        for index, programme in enumerate(self.pack.programmes):
            if programme.id == programme_id:
                self.programme_group.button(index).setChecked(True)
                self._fill_levels(index)

    def select_level(self, level: int) -> None:
        index = self.level.findData(level)
        if index >= 0:
            self.level.setCurrentIndex(index)

    def _fill_levels(self, index: int) -> None:
        programme = self.pack.programmes[index]
        low_high = self.suggested.get(programme.id)
        self.level.blockSignals(True)
        self.level.clear()
        first_suggested = None
        for level in programme.levels:
            text = _("Level {n}: {title} — {low}–{high} min, {dlow}–{dhigh} days a week").format(
                n=level.level, title=level.title, low=level.minutes[0], high=level.minutes[1],
                dlow=level.days_per_week[0], dhigh=level.days_per_week[1])
            if low_high and low_high[0] <= level.level <= low_high[1]:
                text += "  " + _("(suggested for you)")
                first_suggested = level.level if first_suggested is None else first_suggested
            self.level.addItem(text, level.level)
        self.level.blockSignals(False)
        self.select_level(first_suggested if first_suggested is not None else programme.levels[0].level)
        self._describe()

    def _describe(self) -> None:
        programme = self.programme
        level = programme.level(self.level.currentData()) if programme else None
        text = programme.summary if programme else ""
        if level is not None:
            text = level.description
            if not self.suggested.get(programme.id):
                text += " " + _("Start at a level that feels easy; you can step up later.")
        self.description.setText(text)

    def _save(self) -> None:
        if self.programme is None:
            return
        self.saved.emit(self.programme.id, int(self.level.currentData()))


class ModuleChooser(QWidget):
    """Pick one extra topic for this week: the topics suggested for the person first, each with the reason,
    then every other topic (all stay available)."""

    saved = Signal(str)

    def __init__(self, pack, current: str | None = None, parent=None, *, suggestions=()):
        super().__init__(parent)
        self.pack = pack
        ids = {module.id for module in pack.modules}
        self.suggestions = [s for s in suggestions if s.module_id in ids]
        suggested_ids = [s.module_id for s in self.suggestions]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Choose a topic for this week"), 1.1))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        # Button ids are the topic's place in the pack, so the choice does not depend on the order shown.
        index_of = {module.id: index for index, module in enumerate(pack.modules)}
        if self.suggestions:
            self.suggested_heading = heading(_("Suggested for you"), 1.0)
            layout.addWidget(self.suggested_heading)
            suggested = QGridLayout()
            suggested.setContentsMargins(12, 0, 0, 0)
            suggested.setVerticalSpacing(2)
            for row, suggestion in enumerate(self.suggestions):
                module = pack.module(suggestion.module_id)
                button = self._button(module, index_of[module.id], current)
                button.setAccessibleDescription(suggestion.reason)
                reason = note(suggestion.reason, small=True)
                suggested.addWidget(button, row, 0)
                suggested.addWidget(reason, row, 1)
            suggested.setColumnStretch(1, 1)
            suggested.setHorizontalSpacing(16)
            layout.addLayout(suggested)
            layout.addWidget(heading(_("All other topics"), 1.0))
        grid = QGridLayout()
        if self.suggestions:
            grid.setContentsMargins(12, 0, 0, 0)
        others = [module for module in pack.modules if module.id not in suggested_ids]
        columns = 3 if self.suggestions else 2    # keeps the card short when the suggestions take rows
        for position, module in enumerate(others):
            button = self._button(module, index_of[module.id], current)
            grid.addWidget(button, position // columns, position % columns)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("&Save my choice"))
        self.save_button.clicked.connect(self._save)
        self.confirmation = QLabel()
        self.confirmation.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.confirmation, 1)
        layout.addLayout(row)

    def _button(self, module, index: int, current: str | None) -> QRadioButton:
        button = QRadioButton(module.title)
        button.setToolTip(module.summary)
        self.group.addButton(button, index)
        self.buttons[module.id] = button
        if module.id == current:
            button.setChecked(True)
        return button

    def shown_order(self) -> list[str]:
        """Topic ids in the order the person sees them (suggested first)."""
        suggested = [s.module_id for s in self.suggestions]
        return suggested + [m.id for m in self.pack.modules if m.id not in suggested]

    def select(self, module_id: str) -> None:
        for index, module in enumerate(self.pack.modules):
            if module.id == module_id:
                self.group.button(index).setChecked(True)

    def _save(self) -> None:
        index = self.group.checkedId()
        if index >= 0:
            self.saved.emit(self.pack.modules[index].id)
