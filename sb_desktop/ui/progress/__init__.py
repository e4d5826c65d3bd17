"""ui/progress: progress screens."""
