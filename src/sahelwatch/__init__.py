"""sahelwatch: a sourced, temporal picture of the Sahel conflict system from news reporting."""

__version__ = "0.1.0"

from sahelwatch.model import Analysis  # noqa: E402


def analyze(text: str, *, published=None, source: str | None = None, doc_id: str | None = None,
            title: str | None = None, language: str | None = None) -> Analysis:
    """Analyse one article in English or French (detected unless ``language`` is given); ``published``
    (date or ISO string) anchors relative dates."""
    from sahelwatch.pipeline import analyze as _analyze

    return _analyze(text, published=published, source=source, doc_id=doc_id, title=title, language=language)


def code_report(text: str, published=None, doc_id: str = "report", source: str = ""):
    """Code one short event report to ACLED's standard: a list of :class:`sahelwatch.model.AcledRecord`."""
    from sahelwatch.acled.coder import code_report as _code_report

    return _code_report(text, published, doc_id=doc_id, source=source)


__all__ = ["Analysis", "analyze", "code_report", "__version__"]
