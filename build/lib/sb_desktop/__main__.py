"""`python -m sb_desktop` runs the same command line as main.py."""
import sys

from sb_desktop.cli import main

sys.exit(main())
