"""Linking reports across documents: event fusion (blocking, comparison with reasons, constrained grouping,
canonical values by policy). Decisions are derived from the stored statements and never edit them."""
from sahelwatch.link.fusion import FusionResult, FusionSummary, fuse, fuse_store
from sahelwatch.link.reports import Report, make_report, reports_from_analyses
from sahelwatch.link.settings import FusionSettings, load_settings

__all__ = ["FusionResult", "FusionSummary", "FusionSettings", "Report", "fuse", "fuse_store", "load_settings",
           "make_report", "reports_from_analyses"]
