"""ui/goals: goals screens."""
