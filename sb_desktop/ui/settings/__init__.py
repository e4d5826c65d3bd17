"""ui/settings: settings screens."""
