"""conflictkit: a Wikipedia conflict article as tidy, traceable tables.

>>> import conflictkit
>>> article = conflictkit.load()          # the bundled seed, or $CONFLICTKIT_SEED
>>> article.events.head()                 # one DataFrame per table of the data contract

Importing this package imports pandas but never plotly or ipywidgets: the figures and
explorers modules load those when a lesson asks for them.
"""

from .article import Article, export, load, seeds, side_names
from .errors import ExportRefused, SeedError

__all__ = ["Article", "ExportRefused", "SeedError", "export", "load", "seeds", "side_names"]
__version__ = "0.1.0"
