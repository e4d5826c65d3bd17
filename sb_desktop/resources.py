"""The one way to find bundled files (resources/), from source or inside a PyInstaller bundle."""
import sys
from pathlib import Path


def resources_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


#: Pixel sizes of the app icon pre-rendered from resources/icons/sb-desktop.svg by build/make_icons.py.
ICON_SIZES = (16, 32, 48, 128, 256)


def icon_png(size: int) -> Path:
    return resource_path("icons", f"sb-desktop-{size}.png")
