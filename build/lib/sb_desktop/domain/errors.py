"""Errors the user sees as one clear sentence."""


class UserError(Exception):
    """Something the person (or a clinic's script) can fix; str(error) is the message shown."""


class ValidationError(UserError, ValueError):
    """A value was out of range or malformed; nothing was written."""
