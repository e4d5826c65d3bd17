"""The only place SQL lives: opening databases, migrations, queries, profiles and backups."""
# Must run before anything imports sqlite_utils: see _driver's docstring. sqlite-utils itself is imported
# on first use (Database.utils), so opening a profile to read it stays quick.
from sb_desktop.storage import _driver  # noqa: F401
