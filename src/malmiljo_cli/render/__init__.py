"""Renderers: analysis results in, text or files out."""
