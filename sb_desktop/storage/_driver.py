"""Make sqlite-utils and this app use one SQLite driver: SQLCipher's when it is installed.

sqlcipher3 raises its own exception classes, so sqlite-utils' internal `except sqlite3.OperationalError`
would miss them. sqlite-utils prefers a module called `pysqlite3` when one is importable, so registering
sqlcipher3 under that name before sqlite_utils is first imported makes both agree. Unencrypted profiles
use the same driver without a key (SQLCipher reads and writes ordinary SQLite files then).
"""
from __future__ import annotations

import sys

try:
    import sqlcipher3
    from sqlcipher3 import dbapi2 as sqlcipher_dbapi2
except ImportError:  # encryption unavailable; plain profiles still work
    sqlcipher3 = None
    sqlcipher_dbapi2 = None

if sqlcipher3 is not None:
    if "sqlite_utils" in sys.modules and sys.modules.get("pysqlite3") is not sqlcipher3:
        raise ImportError("sb_desktop.storage must be imported before sqlite_utils so both use SQLCipher")
    sys.modules.setdefault("pysqlite3", sqlcipher3)
    sys.modules.setdefault("pysqlite3.dbapi2", sqlcipher_dbapi2)
    #: The DB-API module every profile connection is made with. (Python's own sqlite3, a second SQLite
    #: library, is then never loaded: about 2 ms at every start.)
    driver = sqlcipher_dbapi2
else:
    import sqlite3 as driver

#: Exceptions a database operation on one of the app's connections can raise.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (driver.DatabaseError,)
#: Interface errors (e.g. a closed connection) are not DatabaseErrors.
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (driver.Error,)


def encryption_available() -> bool:
    return sqlcipher3 is not None
