"""Errors the document core raises; their message is one clear Uzbek sentence fit to show a user."""


class PlanReadError(Exception):
    """The file could not be read as a plan (unreadable, empty, oversized, hostile or not a plan)."""
