"""Entry point: `python main.py [COMMAND]` runs SupportBack Desktop."""
import sys

from sb_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
