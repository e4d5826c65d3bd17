"""The help window: the guide for the page in view, the keyboard shortcuts and the measures, offline."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from sb_desktop.i18n import _
from sb_desktop.ui.help.guides import measures_text, page_guides, shortcuts_text

SHORTCUTS, MEASURES = "shortcuts", "measures"


class HelpDialog(QDialog):
    """A list of topics on the left and the chosen one on the right; opens on the topic asked for."""

    def __init__(self, topic: str = "today", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Help"))
        self.resize(820, 560)
        self.topics: list[tuple[str, str, str]] = [(key, title, text) for key, (title, text) in page_guides().items()]
        self.topics += [(SHORTCUTS, _("Keyboard shortcuts"), shortcuts_text()),
                        (MEASURES, _("What the numbers mean"), measures_text())]
        self.list = QListWidget()
        self.list.setAccessibleName(_("Help topics"))
        for _key, title, _text in self.topics:
            self.list.addItem(title)
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Help text"))
        self.text.setOpenLinks(False)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 600])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.show_topic(topic)

    def show_topic(self, key: str) -> None:
        row = next((i for i, (k, _t, _x) in enumerate(self.topics) if k == key), 0)
        self.list.setCurrentRow(row)
        self._show(row)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.topics):
            self.text.setMarkdown(self.topics[row][2])

    def current_topic(self) -> str:
        return self.topics[max(0, self.list.currentRow())][0]


def show_help(topic: str, parent: QWidget | None = None) -> HelpDialog:
    dialog = HelpDialog(topic, parent)
    dialog.open()
    return dialog
