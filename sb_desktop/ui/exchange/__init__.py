"""ui/exchange: exchange screens."""
