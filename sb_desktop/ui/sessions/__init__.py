"""ui/sessions: sessions screens."""
