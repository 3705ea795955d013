"""The legalsite MkDocs plugin (``plugins: - legalsite`` in mkdocs.yml); see :mod:`.plugin`."""

from legalsite.plugin.config import LegalsiteConfig
from legalsite.plugin.plugin import LegalsitePlugin

__all__ = ["LegalsiteConfig", "LegalsitePlugin"]
