"""The only place SQL lives: opening databases, migrations, queries, profiles and backups."""
# Must run before anything imports sqlite_utils: see _driver's docstring.
from sb_desktop.storage import _driver  # noqa: F401
from sb_desktop.storage._light_import import import_sqlite_utils_lightly  # noqa: E402

import_sqlite_utils_lightly()
