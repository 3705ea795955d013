"""Markup Material and Python-Markdown write that a keyboard or screen reader trips on (issue 16).

Tab order: Python-Markdown's ``toc`` extension gives every heading a ``¶`` permalink (mkdocs.yml:
``permalink: true``) with no way to set its attributes; the clause ``¶`` links the pages write
themselves already carry ``tabindex="-1"`` (:func:`legalsite.site.render.block_html`). This puts the
headings' out of the tab order too, on every page; ``legalsite-clauselinks.js`` then makes the
permalinks of a version's text one tab stop, walked with the arrow keys.

Navigation: the left navigation's link to the page is marked for screen readers too.
"""

from __future__ import annotations

import re

_HEADING_PERMALINK = re.compile(
    r'(<h[1-6]\b[^>]*>(?:(?!</h[1-6]>).)*?<a class="headerlink")(?=[ >])(?! tabindex=)'
)
"""The opening of a heading's permalink, as the toc extension writes it (``class`` first)."""


def untab_heading_permalinks(html: str) -> str:
    """``html`` with ``tabindex="-1"`` on each heading's ``a.headerlink`` that has none."""

    def untab(match: re.Match[str]) -> str:
        return match.group(1) + ' tabindex="-1"'

    return _HEADING_PERMALINK.sub(untab, html)


_ACTIVE_LINK = re.compile(r'<a (href="[^"]*" class="md-nav__link md-nav__link--active")>')
"""The navigation's link to the page itself, as Material writes it (partials/nav-item.html)."""


def mark_current_page(html: str) -> str:
    """The navigation's link to the page itself says so (``aria-current="page"``): Material
    marks it for the eye only (``md-nav__link--active``)."""
    return _ACTIVE_LINK.sub(r'<a \1 aria-current="page">', html)
