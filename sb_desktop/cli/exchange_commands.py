"""Commands that move entries in and out of a profile: export (CSV, FHIR, PDF summary) and import."""
from __future__ import annotations

import sys
from pathlib import Path

from sb_desktop.domain.entries import parse_date
from sb_desktop.domain.errors import UserError
from sb_desktop.exchange import csv_format
from sb_desktop.exchange.detect import IMPORT_FORMATS
from sb_desktop.i18n import _
from sb_desktop.storage.files import atomic_write_bytes, atomic_write_text

EXPORT_FORMATS = ["csv", "fhir", "pdf"]
PAPER_SIZES = ["a4", "letter"]


def register(subparsers) -> None:
    export = subparsers.add_parser("export", help=_("export entries to a file (CSV, FHIR R4 JSON or a PDF summary)"))
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--from", dest="start", metavar="DATE",
                        help=_("first day to include, YYYY-MM-DD (PDF default: 6 weeks before --to)"))
    export.add_argument("--to", dest="end", metavar="DATE", help=_("last day to include, YYYY-MM-DD (default: today)"))
    export.add_argument("--paper", choices=PAPER_SIZES, default="a4", help=_("PDF paper size (default: a4)"))
    export.add_argument("--prep-sheet", action="store_true",
                        help=_("with --format pdf: the prep sheet for a support call (the last four weeks)"))
    export.set_defaults(run=run_export)

    imp = subparsers.add_parser("import", help=_("import entries from a file (all or nothing)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=IMPORT_FORMATS, help=_("the file's format (default: detect)"))
    imp.add_argument("--source", metavar="NAME",
                     help=_("take each day's steps from this source (e.g. a watch) when it has any; "
                            "default: the source with the most steps that day"))
    imp.set_defaults(run=run_import)


def _date_range(args):
    start = parse_date(args.start, default_today=False) if args.start else None
    end = parse_date(args.end, default_today=False) if args.end else None
    if start and end and start > end:
        raise UserError(_("--from {start} is after --to {end}.").format(start=start, end=end))
    return start, end


def run_export(args, ctx) -> int:
    out = Path(args.out)
    if out.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=out))
    start, end = _date_range(args)
    profile = ctx.open_profile(create=False)
    if args.format == "csv":
        entries = profile.journal.entries(start, end, newest_first=False)
        atomic_write_text(out, csv_format.export_csv_text(entries))
        print(_("Exported {n} entries to {path}. This file is not encrypted.").format(n=len(entries), path=out))
        return 0
    if args.format == "fhir":
        from sb_desktop.exchange.fhir import bundle_for_profile, bundle_json
        bundle = bundle_for_profile(profile, start, end)
        atomic_write_text(out, bundle_json(bundle))
        print(_("Exported {n} FHIR resources to {path}. This file is not encrypted.").format(
            n=len(bundle["entry"]), path=out))
        return 0
    if args.prep_sheet:
        from sb_desktop.exchange.report.prep_sheet import prep_sheet_for_profile
        atomic_write_bytes(out, prep_sheet_for_profile(profile, ctx.clinic, paper=args.paper))
        print(_("Saved the prep sheet for your support call to {path}. This file is not encrypted.").format(path=out))
        return 0
    from sb_desktop.exchange.report import build_pdf, default_range, gather_report_data
    start, end = default_range(start, end)
    data = gather_report_data(profile, start, end, clinic=ctx.clinic)
    atomic_write_bytes(out, build_pdf(data, paper=args.paper))
    print(_("Saved the summary for {start} to {end} to {path}. This file is not encrypted.").format(
        start=start, end=end, path=out))
    return 0


def run_import(args, ctx) -> int:
    from sb_desktop.exchange.detect import read_import
    from sb_desktop.exchange.wearable import write_import
    progress = _terminal_progress() if sys.stderr.isatty() else None
    try:
        parsed = read_import(Path(args.file), args.format, progress=progress)
    finally:
        if progress is not None:
            print(file=sys.stderr)
    if args.source and parsed.format == "csv":
        raise UserError(_("--source applies to step imports, not to the app's own CSV."))
    entries = parsed.entries(args.source)
    outcome = write_import(ctx.open_profile().journal, entries)
    print(outcome.message(args.file))
    sources = parsed.sources()
    if len(sources) > 1:
        print(_("Steps came from {n} sources ({names}); each day counts {rule}.").format(
            n=len(sources), names=", ".join(sources),
            rule=_("only '{source}' where it has steps").format(source=args.source) if args.source
            else _("only the source with the most steps (choose one with --source)")), file=sys.stderr)
    return 0


def _terminal_progress():
    """Show 'Reading… N%' on one terminal line while a large export is read."""
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = 100 if total <= 0 else done * 100 // total
        if percent != last[0]:
            last[0] = percent
            print("\r" + _("Reading… {percent}%").format(percent=percent), end="", file=sys.stderr, flush=True)
    return show
