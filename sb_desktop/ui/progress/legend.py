"""The Progress chart's legend as Qt widgets: crisp at any pixel density, and read out by screen readers."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QWidget

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
    elif look == "hollow":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 1.4))
        x = SWATCH_WIDTH / 2
        painter.drawPolygon([QPointF(x, 2.5), QPointF(x - 5, SWATCH_HEIGHT - 2.5), QPointF(x + 5, SWATCH_HEIGHT - 2.5)])
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


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the width runs out, so no key is ever cut off."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, row_spacing: int = 2):
        super().__init__(parent)
        self.items = []
        self.gap, self.row_gap = spacing, row_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self.items.append(item)

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int):
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int):
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self.items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self.items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and x > rect.x():
                x, y = rect.x(), y + row_height + self.row_gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


class ChartLegend(QWidget):
    """The chart's key: one swatch and label per series, wrapping onto more rows in a narrow window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Chart key"))
        self.row = FlowLayout(self, spacing=4)
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
        ratio = self.devicePixelRatioF()
        for label, look, colour in entries:
            item = QWidget(self)
            line = QHBoxLayout(item)
            line.setContentsMargins(0, 0, 12, 0)
            line.setSpacing(4)
            icon = QLabel()
            icon.setPixmap(swatch(look, colour, ratio))
            text = QLabel(label)
            text.setAccessibleName(label)
            line.addWidget(icon)
            line.addWidget(text)
            self.row.addWidget(item)
            item.show()
        self.updateGeometry()
