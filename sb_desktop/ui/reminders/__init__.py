"""ui/reminders: reminders screens."""
