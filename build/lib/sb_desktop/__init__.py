"""SupportBack Desktop: an offline self-management companion for low back pain."""

__version__ = "0.1.0"
APP_NAME = "SupportBack Desktop"
ORG_NAME = "SupportBack"
APP_ID = "sb-desktop"
