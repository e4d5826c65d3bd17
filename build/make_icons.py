"""Renders resources/icons/sb-desktop.svg to the PNG sizes desktops and installers need, and the navigation icons
(resources/icons/nav/*.svg) to PNGs at 1x and 2x, so the window never loads Qt's SVG library at start-up (run
after editing an SVG)."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sb_desktop.resources import ICON_SIZES, icon_png  # noqa: E402

ICONS = ROOT / "resources" / "icons"
NAV_ICON_SIZE = 24


def render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter needs an application object)
    svg = ICONS / "sb-desktop.svg"
    for size in ICON_SIZES:  # the window icon uses every one; installers the larger
        target = icon_png(size)
        if not render(svg, size).save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target)
    for svg in sorted((ICONS / "nav").glob("*.svg")):
        for scale in (1, 2):
            target = svg.with_name(f"{svg.stem}{'@2x' if scale == 2 else ''}.png")
            if not render(svg, NAV_ICON_SIZE * scale).save(str(target)):
                print(f"could not write {target}", file=sys.stderr)
                return 1
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
