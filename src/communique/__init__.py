"""Communique: news articles about officials, institutions, sites and events → OWL knowledge graph."""

__version__ = "0.1.0"
