"""A Markdown page viewer that can only ever show files from inside the active content pack.

QTextBrowser would otherwise load file:// URLs and ../ image paths from anywhere on disk, and with
openLinks on it would display any local file a link names. Here every resource request is resolved and
refused unless it lands inside the pack, links are never followed by Qt itself, and clicks go through an
allowlist: pack pages open in the app; a web link opens in the browser only after the person agrees.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QImageReader, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from sb_desktop.content.pack import MAX_IMAGE_BYTES
from sb_desktop.content.safety import UnsafePath, resolve_inside, svg_problems
from sb_desktop.i18n import _

IMAGE_SUFFIXES = {".svg", ".png"}
MAX_IMAGE_WIDTH = 520
# Decoding allocates width x height x 4 bytes whatever the file size: a 60 KB PNG can claim 30000 x 30000.
MAX_IMAGE_PIXELS = 4096 * 4096
_TEXT_RESOURCES = {QTextDocument.ResourceType.HtmlResource, QTextDocument.ResourceType.StyleSheetResource,
                   QTextDocument.ResourceType.MarkdownResource}
READING_WIDTH = 820   # pixels of text column; about 75 characters at the page font


class ContentBrowser(QTextBrowser):
    """Shows one pack page. Emits page_requested(page id) for links to other pages of the pack."""

    page_requested = Signal(str)
    blocked = Signal(str)          # a resource or link that was refused (for tests and the log)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.pack_root: Path | None = None
        self._page_dir: Path | None = None
        self._page_for_path = None   # Path -> page id, from the pack
        self.anchorClicked.connect(self._on_anchor)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        # The side margins (see resizeEvent) should look like part of the page, not a grey frame.
        self.setStyleSheet("QTextBrowser { background: palette(base); }")
        self.setAccessibleName(_("Page text"))

    def set_pack(self, pack_root: Path | None, page_for_path=None) -> None:
        self.pack_root = Path(pack_root).resolve() if pack_root else None
        self._page_for_path = page_for_path
        self.clear()

    def show_markdown(self, text: str, page_path: Path | None = None, image: Path | None = None,
                      image_alt: str = "") -> None:
        """Render a page's Markdown; `image` (inside the pack) is shown above the text."""
        self._page_dir = Path(page_path).resolve().parent if page_path else self.pack_root
        document = self.document()
        document.clear()
        # The base URL is only used to resolve relative names; loadResource decides what is served.
        if self._page_dir is not None:
            document.setBaseUrl(QUrl.fromLocalFile(str(self._page_dir) + "/"))
        if image is not None and self.pack_root is not None:
            relative = Path(image).resolve().relative_to(self.pack_root).as_posix()
            alt = image_alt.replace("]", "").replace("\n", " ") or _("Illustration")
            picture = f"![{alt}](pack:/{relative})\n\n"
            first, _newline, rest = text.lstrip().partition("\n")
            # Under the page's own heading when it has one, otherwise at the top.
            text = f"{first}\n\n{picture}{rest}" if first.startswith("# ") else picture + text
        # Qt's Markdown reader drops images whose alt text is empty; give them a neutral one.
        text = re.sub(r"!\[\s*\]\(", "![" + _("Illustration") + "](", text)
        self.setMarkdown(text)

    def resizeEvent(self, event) -> None:
        # Keep lines to a comfortable reading length on wide windows.
        spare = self.width() - READING_WIDTH
        side = max(0, spare // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)

    # --- resources ---

    def resolve(self, url: QUrl) -> Path | None:
        """The file inside the pack this URL names, or None when it names anything else."""
        if self.pack_root is None:
            return None
        scheme = url.scheme().lower()
        if scheme == "pack":
            try:
                return resolve_inside(self.pack_root, url.path().lstrip("/"))
            except UnsafePath:
                return None
        if scheme not in ("", "file"):
            return None
        if url.isLocalFile():
            candidate = Path(url.toLocalFile())
        else:
            name = url.path()
            if not name or name.startswith("/"):
                return None
            candidate = (self._page_dir or self.pack_root) / name
        real = candidate.resolve()
        if not real.is_relative_to(self.pack_root):
            return None
        if not real.is_file() and self._page_dir is not None and not url.isLocalFile():
            real = (self.pack_root / url.path()).resolve()   # allow pack-root-relative names too
            if not real.is_relative_to(self.pack_root):
                return None
        return real if real.is_file() else None

    def loadResource(self, kind: int, url: QUrl):
        """Only images inside the pack are served. Anything refused gets an *empty value of its type*, never
        None: on None (an invalid QVariant) QTextDocument::loadResource reads the URL from disk itself."""
        kind = _resource_type(kind)
        path = self.resolve(url)
        if kind == QTextDocument.ResourceType.ImageResource:
            image = self._pack_image(path) if path is not None else None
            if image is None:
                self.blocked.emit(url.toString())
                return QImage()
            return image
        self.blocked.emit(url.toString())   # style sheets, other documents: never loaded
        return "" if kind in _TEXT_RESOURCES else QByteArray()

    def _pack_image(self, path: Path) -> QImage | None:
        """The image, scaled to the reading width, or None when it is not one the page may show: not SVG or
        PNG, too large a file, an SVG that is unsafe or too costly to draw, or too many pixels to decode."""
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            return None
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                return None
            if path.suffix.lower() == ".svg" and svg_problems(path.read_bytes()):
                return None
        except OSError:
            return None
        reader = QImageReader(str(path))
        size = reader.size()
        if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
            return None
        limit = min(MAX_IMAGE_WIDTH, max(200, self.viewport().width() - 40))
        if size.width() > limit:  # decode straight to the shown size (an SVG is drawn at it)
            reader.setScaledSize(QSize(limit, max(1, round(size.height() * limit / size.width()))))
        image = reader.read()
        return None if image.isNull() else image

    # --- links ---

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme and not url.path() and url.fragment():
            self.scrollToAnchor(url.fragment())
            return
        if scheme == "page":
            self.page_requested.emit(url.path())
            return
        if scheme in ("http", "https"):
            self._offer_external(url)
            return
        path = self.resolve(url) if scheme in ("", "file") else None
        page_id = self._page_for_path(path) if (path is not None and self._page_for_path) else None
        if page_id:
            self.page_requested.emit(page_id)
            return
        self.blocked.emit(url.toString())

    def _offer_external(self, url: QUrl) -> None:
        answer = QMessageBox.question(
            self, _("Leave SupportBack?"),
            _("This link opens {url} in your web browser, outside SupportBack. Open it?").format(url=url.toString()),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(url)
        else:
            self.blocked.emit(url.toString())


def _resource_type(kind) -> QTextDocument.ResourceType:
    """PySide passes the resource type as an int or as the enum, depending on the caller."""
    if isinstance(kind, QTextDocument.ResourceType):
        return kind
    try:
        return QTextDocument.ResourceType(int(kind))
    except ValueError:
        return QTextDocument.ResourceType.UserResource
