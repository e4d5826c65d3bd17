"""ui/safety: safety screens."""
