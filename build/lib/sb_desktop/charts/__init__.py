"""Chart builders: plain data in, a matplotlib Figure out. No pyplot and no Qt, so the same chart is drawn
in the window, saved to a file and rendered by the command line.

matplotlib is imported inside the functions: importing this package costs nothing at start-up.
"""
