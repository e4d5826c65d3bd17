"""The Progress chart's legend as Qt widgets: crisp at any pixel density, and read out by screen readers."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sb_desktop.i18n import _

SWATCH_WIDTH, SWATCH_HEIGHT = 26, 14


def swatch(look: str, colour: str, ratio: float) -> QPixmap:
    pixmap = QPixmap(int(SWATCH_WIDTH * ratio), int(SWATCH_HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(colour)
    middle = SWATCH_HEIGHT / 2
    if look == "dots":
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(SWATCH_WIDTH / 2, middle), 4, 4)
    elif look == "area":
        fill = QColor(colour)
        fill.setAlphaF(0.6)
        painter.setBrush(fill)
        painter.setPen(QPen(colour.darker(130), 1))
        painter.drawRect(QRectF(3, 2, SWATCH_WIDTH - 6, SWATCH_HEIGHT - 4))
    else:
        pen = QPen(colour, 2.5 if look == "line" else 1.6)
        if look == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(1, middle), QPointF(SWATCH_WIDTH - 1, middle))
    painter.end()
    return pixmap


class ChartLegend(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Chart key"))
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.entries: list[tuple[str, str, str]] = []

    def set_entries(self, entries: list[tuple[str, str, str]]) -> None:
        if entries == self.entries:
            return
        self.entries = entries
        while self.row.count():
            widget = self.row.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.row.addStretch(1)
        ratio = self.devicePixelRatioF()
        for label, look, colour in entries:
            icon = QLabel()
            icon.setPixmap(swatch(look, colour, ratio))
            text = QLabel(label)
            text.setAccessibleName(label)
            self.row.addWidget(icon)
            self.row.addWidget(text)
            self.row.addSpacing(12)
        self.row.addStretch(1)
