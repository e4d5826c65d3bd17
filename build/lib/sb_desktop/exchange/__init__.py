"""Formats in and out (CSV, FHIR, wearable exports, PDF). Plain data in, plain data out; no Qt, no SQL."""
