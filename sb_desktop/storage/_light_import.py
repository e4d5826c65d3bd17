"""Import sqlite-utils without the numpy and pandas it probes for at import time.

sqlite-utils only uses them to map numpy/pandas values to column types, which this app never stores;
importing numpy would add ~60 ms to start-up before the window shows. The probe is refused only for the
thread that is importing sqlite-utils, through a finder placed first on sys.meta_path for that moment:
nothing is put into sys.modules, so another thread importing numpy (a chart being drawn) at the same
time imports it as usual, and numpy stays importable later in this thread too.
"""
from __future__ import annotations

import importlib.abc
import sys
import threading

_PROBED = ("numpy", "pandas")


class _RefuseProbeInThread(importlib.abc.MetaPathFinder):
    def __init__(self, thread_id: int):
        self.thread_id = thread_id

    def find_spec(self, fullname, path=None, target=None):
        if threading.get_ident() == self.thread_id and fullname.partition(".")[0] in _PROBED:
            raise ModuleNotFoundError(f"{fullname} is not loaded while sqlite-utils imports", name=fullname)
        return None


def import_sqlite_utils_lightly() -> None:
    if "sqlite_utils" in sys.modules:
        return
    finder = _RefuseProbeInThread(threading.get_ident())
    sys.meta_path.insert(0, finder)
    try:
        import sqlite_utils  # noqa: F401
    finally:
        sys.meta_path.remove(finder)
