"""Qt widgets: one module per screen under ui/pages, shared widgets beside them."""
