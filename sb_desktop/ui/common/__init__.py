"""ui/common: common screens."""
