"""ui/journal: journal screens."""
