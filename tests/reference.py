"""Reading the reference text of the 2024-01-01 agreement and the blocks of a built page.

The reference is plain text taken from the published page: the first three blocks are page
chrome (site title in both languages, the "中文 EN" language switcher); then the Chinese text
from its title to its closing "最后更新日期" line, then the English text likewise. "  1." and
"  •" start list items (the number is the item's, the page writes it; the bullet is the
browser's); a table row is its cells run together ("电子邮箱marketing@...").
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

CHROME = ["用户服务协议", "User Service Agreement", "中文 EN"]


def normalize(text: str) -> str:
    """Unicode NFKC and white space aside, as the fidelity requirement says."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def reference_blocks(text: str) -> dict[str, list[str]]:
    """The reference's content blocks per language, list items and table rows one each."""
    blocks = [b.strip("\n") for b in text.split("\n\n") if b.strip()]
    assert blocks[:3] == CHROME, blocks[:3]
    body = blocks[3:]
    zh_end = body.index(body[1], 2)  # the closing "最后更新日期" line repeats the opening one
    out: dict[str, list[str]] = {"zh": [], "en": []}
    for lang, part in (("zh", body[: zh_end + 1]), ("en", body[zh_end + 1 :])):
        for block in part:
            for line in block.split("\n"):
                # An item's number is text on the page, as in the reference; a bullet is not.
                item = re.sub(r"^\s+(\d+\.)\s+", r"\1 ", re.sub(r"^\s+•\s+", "", line))
                out[lang].append(normalize(item))
    return out


class _PageBlocks(HTMLParser):
    """The agreement's blocks in a built page: h1, h2, p, li and table rows of the article,
    leaving out the page's own apparatus (dates box, banners, permalink and change markers)."""

    BLOCKS = frozenset({"h1", "h2", "p", "li", "tr"})
    SKIP_CLASSES = frozenset(
        {"headerlink", "ls-changed", "ls-version-meta", "ls-banner", "ls-print-facts"}
        | {"ls-subscribe", "ls-notice", "ls-governing"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.current: list[str] | None = None
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = bool(classes & self.SKIP_CLASSES)
        if "md-content__inner" in classes:
            self.in_article = len(self.stack) + 1
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        if self.in_article and not self.skip_depth and tag in self.BLOCKS and self.current is None:
            self.current = []
            self.stack[-1] = (tag + "*", skip)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"br", "img", "input", "meta", "link", "hr"} or not self.stack:
            return
        name, skip = self.stack.pop()
        if skip:
            self.skip_depth -= 1
        if name.endswith("*") and self.current is not None:
            text = normalize("".join(self.current))
            if text:
                self.blocks.append(text)
            self.current = None
        if self.in_article and len(self.stack) < self.in_article:
            self.in_article = 0

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skip_depth:
            self.current.append(data)


def page_blocks(html: str) -> list[str]:
    parser = _PageBlocks()
    parser.feed(html)
    return parser.blocks
