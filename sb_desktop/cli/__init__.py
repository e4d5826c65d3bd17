"""The command line: `python main.py [COMMAND]`. Without a command it opens the window. Imports no Qt itself."""
from __future__ import annotations

import argparse
import importlib
import sys

from sb_desktop import __version__
from sb_desktop.applog import setup_logging
from sb_desktop.cli.context import CliContext, report_error
from sb_desktop.i18n import _

# Each module exposes register(subparsers); a command's handler is set with set_defaults(run=...),
# and takes (args, ctx) and returns an exit code.
COMMAND_MODULES = [
    "sb_desktop.cli.journal_commands",
    "sb_desktop.cli.exchange_commands",
    "sb_desktop.cli.progress_commands",
    "sb_desktop.cli.profile_commands",
    "sb_desktop.cli.content_commands",
    "sb_desktop.cli.goals_commands",
    "sb_desktop.cli.measures_commands",
    "sb_desktop.cli.calls_commands",
    "sb_desktop.cli.experiment_commands",
    "sb_desktop.cli.safety_commands",
    "sb_desktop.cli.routine_commands",
]


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sb-desktop",
        description=_("SupportBack Desktop: an offline companion for managing low back pain. "
                      "Run without a command to open the window."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("folder holding the profiles (default: SB_DESKTOP_DATA_DIR or the local app-data folder)"))
    parser.add_argument("--profile", metavar="NAME", help=_("profile to use (default: the default profile)"))
    gui = parser.add_argument_group(_("window options"))
    gui.add_argument("--demo", action="store_true",
                     help=_("open the window on the 'Demo' profile, filling it with sample data the first time"))
    gui.add_argument("--smoke-test", action="store_true", help=_("show every page once, then exit 0"))
    gui.add_argument("--screenshots", metavar="DIR",
                     help=_("with --smoke-test: save every page and dialog as PNG files in DIR, with DIR/index.json"))
    gui.add_argument("--background", action="store_true",
                     help=_("start with only the tray icon, for reminders (how the login item starts the app)"))
    gui.add_argument("--quit-after-show", action="store_true",
                     help=_("exit as soon as the main window has been painted (for start-up timing)"))
    if with_commands:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for module_name in COMMAND_MODULES:
            importlib.import_module(module_name).register(subparsers)
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    # Opening the window needs only the global options: skip importing every command module then,
    # which keeps start-up fast.
    if "-h" in argv or "--help" in argv:
        return build_parser().parse_args(argv)
    window_args, rest = build_parser(with_commands=False).parse_known_args(argv)
    if not rest:
        window_args.command = None
        return window_args
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_arguments(argv)
    ctx = CliContext(data_dir=args.data_dir, profile_name=args.profile)
    setup_logging(ctx.data_dir)
    if args.command is None:
        from sb_desktop.system_check import check_desktop_libraries
        problem = check_desktop_libraries()
        if problem:
            print(problem, file=sys.stderr)
            return 1
        from sb_desktop.app import StartOptions, run_gui  # Qt is imported only when the window is wanted
        return run_gui(StartOptions.from_args(args), ctx.profiles, ctx.clinic)
    try:
        return args.run(args, ctx) or 0
    except KeyboardInterrupt:
        print(_("Interrupted; nothing half-written was kept."), file=sys.stderr)
        return 130
    except BaseException as error:  # one clear line, never a traceback
        if isinstance(error, SystemExit):
            raise
        return report_error(error)
    finally:
        ctx.close()
