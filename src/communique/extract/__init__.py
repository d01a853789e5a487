"""Rule-based extraction: article text -> officials, institutions, sites, places, events.

>>> from communique.model import Article
>>> x = extract(Article(id="a", text="Ruritanian Defence Minister Oskar Brandt visited Veldonia."))
>>> x.officials[0].name, x.officials[0].posts[0].title, x.officials[0].country
('Oskar Brandt', 'Defence Minister', 'Ruritania')
"""

from .extractor import Extractor, extract

__all__ = ["Extractor", "extract"]
