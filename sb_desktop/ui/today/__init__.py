"""ui/today: today screens."""
