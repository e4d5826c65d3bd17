"""ui/profiles: profiles screens."""
