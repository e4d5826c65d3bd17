"""Content packs: finding the active pack, loading and checking it. No Qt here.

Packs live in resources/content/<pack-id>/ (built in) and in <data dir>/content/<pack-id>/ (added by a
clinic); a clinic's pack with the same id replaces the built-in one. The data folder's packs apply only
where the clinic configuration sets `allow_user_content_packs` (anyone who can write to the data folder
could otherwise replace the programme for every profile). The active pack is the profile setting
`content.pack` (default: supportback-en).
"""
from __future__ import annotations

from pathlib import Path

from sb_desktop.content.pack import (
    MANIFEST_NAME,
    ContentPack,
    PackError,
    check_pack,
    load_pack,
)
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.settings import CONTENT_PACK, DEFAULT_PACK_ID, UNLOCK_DAYS
from sb_desktop.i18n import _
from sb_desktop.resources import resource_path

__all__ = [
    "DEFAULT_PACK_ID",
    "ContentPack",
    "PackError",
    "check_pack",
    "find_pack",
    "load_pack",
    "pack_folders",
    "user_packs_allowed",
]


def clinic_value(clinic, name: str):
    """A value the clinic configuration fixes, or None on a person's own computer (no clinic file in force)."""
    if isinstance(clinic, dict):
        return clinic.get(name)
    if clinic is None or not getattr(clinic, "is_clinic", False):
        return None
    return getattr(clinic, name, None)


def active_pack_id(settings, clinic=None) -> str:
    """The pack in use: the clinic's choice, else the profile setting, else the built-in pack."""
    return clinic_value(clinic, CONTENT_PACK.clinic_key) or (settings.read(CONTENT_PACK) if settings else None) \
        or DEFAULT_PACK_ID


def unlock_days_in_force(settings, clinic=None) -> int:
    """Days between finishing a session and the next opening: the clinic's fixed value, else the profile's."""
    from sb_desktop.domain.programme import effective_unlock_days
    return effective_unlock_days(settings.read(UNLOCK_DAYS) if settings else None,
                                 clinic_value(clinic, UNLOCK_DAYS.clinic_key))


def user_packs_allowed(clinic) -> bool:
    """True where the clinic configuration lets packs in the data folder's content/ apply."""
    return bool(clinic_value(clinic, "allow_user_content_packs"))


def pack_folders(data_dir: Path | None = None, *, allow_user_packs: bool = False) -> list[Path]:
    """Folders that may hold packs, the clinic's first so its packs win (when the clinic allows them)."""
    folders = []
    if data_dir is not None and allow_user_packs:
        folders.append(Path(data_dir) / "content")
    folders.append(resource_path("content"))
    return folders


def available_packs(data_dir: Path | None = None, *, allow_user_packs: bool = False) -> dict[str, Path]:
    """pack id (its folder name) -> folder, for every folder with a manifest."""
    found: dict[str, Path] = {}
    for folder in pack_folders(data_dir, allow_user_packs=allow_user_packs):
        if not folder.is_dir():
            continue
        for candidate in sorted(folder.iterdir()):
            if (candidate / MANIFEST_NAME).is_file():
                found.setdefault(candidate.name, candidate)
    return found


def find_pack(pack_id: str = DEFAULT_PACK_ID, data_dir: Path | None = None, *,
              allow_user_packs: bool = False) -> Path:
    packs = available_packs(data_dir, allow_user_packs=allow_user_packs)
    if pack_id not in packs:
        folders = pack_folders(data_dir, allow_user_packs=allow_user_packs)
        raise UserError(_("The content pack '{id}' is not installed (looked in {folders}).").format(
            id=pack_id, folders=", ".join(str(f) for f in folders)))
    return packs[pack_id]
