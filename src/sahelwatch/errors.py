"""Explicit error types; the CLI turns each into a one-line message and a non-zero exit."""


class SahelwatchError(Exception):
    """Base class: anything the user can fix by changing input or configuration."""


class InputError(SahelwatchError):
    """A document or file that cannot be read or analysed (empty, binary, oversized, malformed)."""


class KnowledgeBaseError(SahelwatchError):
    """Curated data that breaks its own schema (unknown relation target, bad date, duplicate id)."""


class StoreError(SahelwatchError):
    """The DuckDB store cannot be opened or written."""
