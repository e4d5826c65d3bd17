"""Start the whole window as `python main.py` does, for tests: the command line's data folder and clinic file."""
from sb_desktop.app import StartOptions, build_gui
from sb_desktop.cli.context import CliContext


def start_gui(args, **kwargs):
    ctx = CliContext()
    return build_gui(StartOptions.from_args(args), ctx.profiles, ctx.clinic, **kwargs)
