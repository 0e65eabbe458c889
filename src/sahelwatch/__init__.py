"""sahelwatch: a sourced, temporal picture of the Sahel conflict system from news reporting."""

__version__ = "0.1.0"

from sahelwatch.model import Analysis  # noqa: E402


def analyze(text: str, *, published=None, source: str | None = None, doc_id: str | None = None,
            title: str | None = None) -> Analysis:
    """Analyse one English article; ``published`` (date or ISO string) anchors relative dates."""
    from sahelwatch.pipeline import analyze as _analyze

    return _analyze(text, published=published, source=source, doc_id=doc_id, title=title)


__all__ = ["Analysis", "analyze", "__version__"]
