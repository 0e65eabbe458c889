"""Curated knowledge: actors, places and the word lists the extractors read. Data files, not code."""
