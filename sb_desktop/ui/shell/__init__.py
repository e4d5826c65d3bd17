"""ui/shell: shell screens."""
