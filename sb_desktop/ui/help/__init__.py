"""ui/help: the offline help: a short guide for each page, the keyboard shortcuts, the measures explained."""
