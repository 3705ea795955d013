"""The other forms of a real document for ``legalsite import``'s tests: the same text as plain
text (numbered headings, hard-wrapped lines) and as Word (heading styles, automatic numbering
defined in ``numbering.xml``), made from its Markdown as read; and the blocks a reader sees in
each, numbers included, to compare with what a build shows."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import docx
from docx.oxml import parse_xml

from legalsite.model import inline
from legalsite.model.numbering import chinese_numeral
from legalsite.sources.importing.numbering import letter
from legalsite.sources.importing.tree import Block, Heading, Item, Para, Source

ZH_WIDTH = 30
EN_WIDTH = 72


def plain(text: str) -> str:
    """Clause text's words (markup removed)."""
    return inline.plain_of(text)


def _numbers(source: Source, lang: str) -> list[tuple[Block, str]]:
    """Each block with the number the plain-text and Word forms give it: sections (Markdown
    level 2) 第一条 / Section 1., sub-sections (level 3) （一） / (a)."""
    out: list[tuple[Block, str]] = []
    section = sub = 0
    for block in source.blocks:
        number = ""
        if isinstance(block, Heading) and block.level == 2:
            section, sub = section + 1, 0
            number = f"第{chinese_numeral(section)}条" if lang == "zh" else f"Section {section}."
        elif isinstance(block, Heading) and block.level == 3:
            sub += 1
            number = f"（{chinese_numeral(sub)}）" if lang == "zh" else f"({letter(sub)})"
        out.append((block, number))
    return out


def _wrap(text: str, lang: str, indent: str = "", first: str = "") -> list[str]:
    if lang == "zh":  # at 30 characters, never inside a Latin word nor at a space
        lines = [""]
        for piece in re.findall(r"(?:[!-~]+|[^ ])(?: (?:[!-~]+|[^ ]))*", text):
            if lines[-1] and len(lines[-1]) + len(piece) > ZH_WIDTH:
                lines.append("")
            lines[-1] += piece
        return [(first if n == 0 else indent) + line.strip() for n, line in enumerate(lines)]
    return textwrap.wrap(
        text,
        EN_WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def plain_text(source: Source, lang: str) -> str:
    """The document as plain text: its title on the first line, numbered headings, paragraphs
    wrapped (Chinese at 30 characters, English at 72 columns), list items ``- `` with their
    wrapped lines indented."""
    lines: list[str] = []
    for block, number in _numbers(source, lang):
        if isinstance(block, Heading):
            title = block.title
            lines += [f"{number} {title}".strip() if lang == "en" else f"{number}{title}", ""]
        elif isinstance(block, Para):
            lines += [*_wrap(plain(block.text), lang), ""]
        elif isinstance(block, Item):
            lines += _wrap(plain(block.text), lang, indent="  ", first="- ")
    text = "\n".join(lines)
    # A list ends with a blank line: items are written one after the other.
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].startswith(("- ", "  ")) and line and not line.startswith(("- ", "  ")):
            out.append("")
        out.append(line)
    return "\n".join(out).strip() + "\n"


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering_xml(lang: str) -> tuple[str, str]:
    """An abstract numbering of two heading levels and one bullet level, and its ``w:num``s."""
    if lang == "zh":
        levels = [("chineseCounting", "第%1条"), ("chineseCounting", "（%2）")]
    else:
        levels = [("decimal", "Section %1."), ("lowerLetter", "(%2)")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text) in enumerate(levels)
    )
    abstract = (
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{lvls}</w:abstractNum>'
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="91"><w:lvl w:ilvl="0">'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
    )
    nums = (
        f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
        f'<w:num xmlns:w="{W}" w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
    )
    return abstract, nums


def _number(paragraph: object, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def word(source: Source, lang: str, path: Path) -> Path:
    """The document as Word: Title, Heading 1 and 2 numbered automatically (第%1条 / Section %1.,
    （%2） / (%2)), body paragraphs, bullets numbered by a bullet level; the numbers are not in
    the text, Word computes them."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract, nums = _numbering_xml(lang)
    wrapper = parse_xml(f'<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>')
    for child in list(wrapper):
        numbering.append(child)
    for block, _ in _numbers(source, lang):
        if isinstance(block, Heading) and block.level <= 1:
            document.add_paragraph(block.title, style="Title")
        elif isinstance(block, Heading):
            paragraph = document.add_paragraph(block.title, style=f"Heading {block.level - 1}")
            _number(paragraph, 90, block.level - 2)
        elif isinstance(block, Para):
            document.add_paragraph(plain(block.text))
        elif isinstance(block, Item):
            _number(document.add_paragraph(plain(block.text), style="List Paragraph"), 91, 0)
    document.save(str(path))
    return path


def expected(source: Source, lang: str, *, numbered: bool) -> list[tuple[str, str]]:
    """What a reader sees of each block of the source: (number, words), in order; headings'
    numbers as the plain-text and Word forms write them when ``numbered``, else as written."""
    out = []
    for block, number in _numbers(source, lang):
        if isinstance(block, Heading):
            out.append((number if numbered else block.number or "", block.title))
        elif isinstance(block, Para):
            out.append(("", plain(block.text)))
        elif isinstance(block, Item):
            out.append(("•" if block.bulleted else block.marker, plain(block.text)))
    return out
