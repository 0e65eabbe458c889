"""Extractors: each stage reads the Doc and the earlier stages' output (on the Context) and returns records."""
