"""Pure domain logic: entries, validation, programme rules, insights, safety. No Qt, no SQL."""
