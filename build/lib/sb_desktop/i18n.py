"""Translation: every user-facing string goes through `_()` (gettext), in the UI and the CLI alike."""
import gettext

from sb_desktop.resources import resource_path

_translation = gettext.translation(
    "sb_desktop", localedir=str(resource_path("translations")), fallback=True
)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
