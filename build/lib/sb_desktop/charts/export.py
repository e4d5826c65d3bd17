"""Saving a chart as PNG or SVG, never leaving a half-written file."""
from __future__ import annotations

import io
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.files import atomic_write_bytes

FORMATS = {".png": "png", ".svg": "svg"}
PNG_DPI = 150


def chart_format(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UserError(_("{path}: the chart can be saved as .png or .svg.").format(path=path))
    return fmt


def figure_bytes(figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI, facecolor=figure.get_facecolor(),
                   metadata={"Software": None} if fmt == "png" else {"Date": None})
    return buffer.getvalue()


def save_figure(figure, path: Path) -> Path:
    """Write the figure to path (.png or .svg) atomically; returns the path."""
    path = Path(path)
    if path.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=path))
    atomic_write_bytes(path, figure_bytes(figure, chart_format(path)))
    return path
