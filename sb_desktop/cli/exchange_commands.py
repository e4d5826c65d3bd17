"""Commands that move entries in and out of a profile: export and import."""
from __future__ import annotations

from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.exchange import csv_format
from sb_desktop.i18n import _
from sb_desktop.storage.files import atomic_write_text

EXPORT_FORMATS = ["csv"]
IMPORT_FORMATS = ["csv"]


def register(subparsers) -> None:
    export = subparsers.add_parser("export", help=_("export entries to a file"))
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(run=run_export)

    imp = subparsers.add_parser("import", help=_("import entries from a file (all or nothing)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=IMPORT_FORMATS, help=_("the file's format (default: detect)"))
    imp.set_defaults(run=run_import)


def run_export(args, ctx) -> int:
    out = Path(args.out)
    if out.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=out))
    entries = ctx.open_profile().journal.entries(newest_first=False)
    atomic_write_text(out, csv_format.export_csv_text(entries))
    print(_("Exported {n} entries to {path}. This file is not encrypted.").format(n=len(entries), path=out))
    return 0


def run_import(args, ctx) -> int:
    entries = csv_format.read_csv_file(Path(args.file))
    added, skipped = ctx.open_profile().journal.add_many(entries)
    message = _("Imported {n} entries from {path}.").format(n=added, path=args.file)
    if skipped:
        message += " " + _("{n} were already in the journal and were skipped.").format(n=skipped)
    print(message)
    return 0
