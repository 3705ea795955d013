"""What a keyboard reader tabs through (issue 16): the text's links, not one permalink per heading.

Python-Markdown's ``toc`` extension gives every heading a ``¶`` permalink (mkdocs.yml:
``permalink: true``) with no way to set its attributes; the clause ``¶`` links the pages write
themselves already carry ``tabindex="-1"`` (:func:`legalsite.render.block_html`). This puts the
headings' out of the tab order too, on every page; ``legalsite-clauselinks.js`` then makes the
permalinks of a version's text one tab stop, walked with the arrow keys.
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
