"""Communique: news articles about officials, institutions, sites and events → OWL graph."""

__version__ = "0.1.0"
