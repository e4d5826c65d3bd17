"""Import sqlite-utils without the numpy and pandas it probes for at import time.

sqlite-utils only uses them to map numpy/pandas values to column types, which this app never stores;
importing numpy would add ~60 ms to start-up before the window shows. numpy stays importable later
(the progress chart needs it): the placeholders are removed as soon as sqlite-utils has loaded.
"""
import sys


def import_sqlite_utils_lightly() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # makes `import numpy` raise ImportError, which sqlite-utils tolerates
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]
