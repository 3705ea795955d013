"""legalsite: a static bilingual (中文 / English) legal-document site generator."""

__version__ = "0.1.0"
