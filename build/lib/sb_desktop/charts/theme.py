"""Chart colours: Okabe-Ito colour-blind-safe hues, in a light and a dark variant."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ChartTheme:
    background: str
    foreground: str
    grid: str
    activity_fill: str
    activity_edge: str
    steps: str
    pain_dots: str
    pain_line: str
    markers: tuple[str, ...]      # one colour per marker kind, in order of first appearance
    activity_alpha: float = 0.55

    @property
    def is_dark(self) -> bool:
        return luminance(self.background) < 0.5


LIGHT = ChartTheme(
    background="#ffffff", foreground="#1f1f1f", grid="#dcdcdc",
    activity_fill="#56B4E9", activity_edge="#0072B2", steps="#009E73",
    pain_dots="#D55E00", pain_line="#A03C00",
    markers=("#555555", "#CC79A7", "#0072B2"),
)

DARK = ChartTheme(
    background="#232323", foreground="#e8e8e8", grid="#474747",
    activity_fill="#56B4E9", activity_edge="#56B4E9", steps="#3FD0A4",
    pain_dots="#E69F00", pain_line="#F5C04A",
    markers=("#bbbbbb", "#E79BC7", "#8CCBF0"), activity_alpha=0.45,
)


def luminance(colour: str) -> float:
    """Relative lightness 0 (black) .. 1 (white) of a #rrggbb colour."""
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def theme_for(background: str, foreground: str) -> ChartTheme:
    """The light or dark variant that suits a window's colours, using the window's own background and text."""
    base = DARK if luminance(background) < 0.5 else LIGHT
    return replace(base, background=background, foreground=foreground)
