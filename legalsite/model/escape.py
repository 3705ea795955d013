"""The one place that makes an editor's string inert in each output context.

``validate`` refuses strings the model does not allow; these encoders make every output safe
anyway, whatever a string holds (defence in depth: neither layer alone). Each context has one
encoder, and every caller that puts an editor's string into an output uses it:

=====================  =========================================================================
context                encoder
=====================  =========================================================================
HTML text, attribute   :func:`html_text` (also :func:`html_attr`, the same rule)
Python-Markdown        :func:`md_inline`: a page heading or link text of the site
clause markup          :func:`inline_html` / :func:`inline_plain`: the inline subset, or the
                       literal text when it is not valid inline markup
YAML front matter      :func:`yaml_front_matter`: a YAML emitter, never string formatting
JSON                   :func:`json_text`: also safe inside ``<script>`` and HTML attributes
XML (Atom)             :func:`xml_text`
GitHub Markdown        :func:`gfm_text`, :func:`gfm_code`, :func:`gfm_fence`: the job summary
terminal               :func:`terminal`
=====================  =========================================================================

Under all of them one character rule (:func:`visible`): a character that would hide, reorder or
drive something (C0/C1 controls, bidi and other format characters, invisible fillers, line and
paragraph separators, private-use characters, non-characters, lone surrogates) never reaches an
output as itself; it is shown as a visible escape, ``\\x1b``, ``\\u202e``, ``\\U000e0001``.
Tab, line feed and carriage return are left to each context's encoder.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown.extensions import toc

from legalsite.model import inline
from legalsite.model.characters import FILLERS, is_noncharacter
from legalsite.model.characters import escape as notation

__all__ = [
    "ALLOWED_SCHEMES",
    "OWN_ID_PREFIX",
    "anchor",
    "gfm_code",
    "gfm_fence",
    "gfm_text",
    "heading_id",
    "html_attr",
    "html_text",
    "inline_html",
    "inline_plain",
    "is_hidden",
    "json_text",
    "md_inline",
    "safe_href",
    "terminal",
    "visible",
    "xml_text",
    "yaml_front_matter",
]

# -- The character rule ----------------------------------------------------------------------

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
"""Controls, format characters (bidi, zero-width, tags...), surrogates, private use, and the
line and paragraph separators (U+2028/9, which also end a JavaScript string)."""

_FILLER_RE = re.compile("[" + "".join(sorted(FILLERS)) + "]")

_WHITESPACE_CONTROLS = "\t\n\r"


def is_hidden(char: str) -> bool:
    """True for a character that must not reach any output as itself (tab, line feed and
    carriage return included: each encoder decides how its context shows them)."""
    return (
        unicodedata.category(char) in _HIDDEN_CATEGORIES
        or char in FILLERS
        or is_noncharacter(ord(char))
    )


def _show(text: str, keep: str) -> str:
    # Fast path: printable text (str.isprintable is False for every hidden category) with no filler.
    if text.isprintable() and not _FILLER_RE.search(text):
        return text
    return "".join(
        notation(char) if is_hidden(char) and char not in keep else char for char in text
    )


def visible(text: str) -> str:
    """``text`` with every hidden character shown as its escape; tab, line feed and carriage
    return are kept for the context's encoder."""
    return _show(text, _WHITESPACE_CONTROLS)


_SCALARS = frozenset({int, float, bool})
"""JSON values without text (their exact types: a subclass may print itself otherwise)."""


def _visible_values(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if value is None or type(value) in _SCALARS:  # before the (slow) Mapping check
        return value
    if isinstance(value, list | tuple):
        return [item if type(item) in _SCALARS else _visible_values(item) for item in value]
    if isinstance(value, Mapping):
        return {
            visible(k) if isinstance(k, str) else k: _visible_values(v) for k, v in value.items()
        }
    return value


# -- HTML ------------------------------------------------------------------------------------

_HTML = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#x27;",
        # As character references, line breaks cannot end a Markdown HTML block or start a
        # Markdown line: the page's structure stays the one legalsite wrote.
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def html_text(text: str) -> str:
    """Text for HTML element content or a double-quoted attribute value, also when the HTML
    sits in a Markdown page or a theme prints it unescaped (MkDocs page and nav titles)."""
    return visible(text).translate(_HTML)


html_attr = html_text
"""A double-quoted attribute value: the same encoding is safe in both contexts."""


_NOT_ANCHOR = re.compile(r"[^a-z0-9_-]")


def anchor(value: str) -> str:
    """An element id / URL fragment: the id itself for every id the model allows (lower-case
    words joined by hyphens); any other character becomes ``-``, so that the same value is safe
    in an ``id`` attribute, an ``href="#..."`` and a Markdown ``{#...}`` attribute list."""
    return _NOT_ANCHOR.sub("-", value)


OWN_ID_PREFIX = "_"
"""How every element id legalsite (or Python-Markdown for it) makes starts: with a character
the model never allows in an editor's id, so no id or title an editor writes can take it."""


def heading_id(value: str, separator: str) -> str:
    """The id Python-Markdown gives a heading written without one, such as a page's title
    (mkdocs.yml: ``toc.slugify``): the default slug after :data:`OWN_ID_PREFIX`. Without it,
    a title "Collection 1" took the id ``collection-1`` of the clause with that id, and every
    link to the clause led to the title."""
    return OWN_ID_PREFIX + toc.slugify(value, separator)


# -- Markdown of the site (Python-Markdown) --------------------------------------------------

# Python-Markdown's own escapable characters ('<', '>' and '&' are HTML-escaped instead).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_inline(text: str) -> str:
    """Text in a Markdown heading or link text of a page: nothing in it is Markdown or HTML."""
    return html_text(_MD_SPECIAL.sub(r"\\\1", visible(text)))


# -- Clause markup ---------------------------------------------------------------------------

ALLOWED_SCHEMES = inline.ALLOWED_SCHEMES


def safe_href(href: str) -> str | None:
    """A link target as an attribute value, or None when it is not an allowed address."""
    if not href or visible(href) != href or any(c.isspace() for c in href):
        return None
    if any(c in href for c in "<>\"'`"):
        return None
    if href.startswith(inline.REFERENCE):
        # A cross-reference: a fragment naming an element of the same page, nothing else.
        return href if inline.is_reference(href) else None
    if urlsplit(href).scheme.lower() not in ALLOWED_SCHEMES:
        return None
    return html_attr(href)


def _nodes_html(nodes: tuple[inline.Inline, ...]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, inline.Text):
            out.append(html_text(node.text))
        elif isinstance(node, inline.Emphasis):
            tag = "strong" if node.strong else "em"
            out.append(f"<{tag}>{_nodes_html(node.children)}</{tag}>")
        else:
            href = safe_href(node.href)
            children = _nodes_html(node.children)
            out.append(f'<a href="{href}">{children}</a>' if href else children)
    return "".join(out)


# Versions repeat most clauses word for word, and every page kind renders them.
@lru_cache(maxsize=65536)
def inline_html(source: str) -> str:
    """Clause text as HTML: the inline subset (emphasis, links) as elements, all text escaped.

    Text the subset refuses (``validate`` reports it) is shown literally, escaped, rather than
    half-interpreted or crashing the build.
    """
    try:
        nodes = inline.parse(source)
    except inline.InlineError:
        return html_text(source)
    return _nodes_html(nodes)


@lru_cache(maxsize=65536)
def inline_plain(source: str) -> str:
    """The words a reader sees (markup removed); the literal text when it is not valid markup.

    Plain text is not encoded for any output: each output encodes it.
    """
    try:
        return inline.plain_of(source)
    except inline.InlineError:
        return source


# -- YAML front matter -----------------------------------------------------------------------


class _Key(str):
    """A top-level front-matter key: written plain (keys are legalsite's own words)."""


class _Flow(dict[str, Any]):
    """A nested mapping, written on its key's line in flow style: ``{"a": "b"}``."""


class _Dumper(yaml.SafeDumper):
    """Every string double-quoted: the emitter escapes what YAML cannot carry literally (line
    breaks, NEL, U+2028/9, BOM, controls), so no value spans lines or ends the front matter."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


def _represent_key(dumper: yaml.SafeDumper, value: _Key) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value))


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _represent_flow_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Key, _represent_key)
_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(list, _represent_flow_list)

_PLAIN_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return _Flow({key: _sorted(value[key]) for key in sorted(value)})
    if isinstance(value, list | tuple):
        return [_sorted(item) for item in value]
    return value


def yaml_front_matter(data: Mapping[str, Any]) -> str:
    """The YAML between a page's ``---`` lines (without them): one top-level key a line, in the
    given order; nested mappings in flow style with sorted keys; every string double-quoted,
    hidden characters shown visibly."""
    body: dict[Any, Any] = {}
    for key, value in data.items():
        if not _PLAIN_KEY.fullmatch(key):
            raise ValueError(f"front-matter key {key!r} is not a plain lower-case word")
        body[_Key(key)] = _sorted(_visible_values(value))
    try:
        # PyYAML writes a long key (about 125 characters) as a complex key (`? key`).
        if not body or any(key in _YAML_WORDS or len(key) > 64 for key in body):
            raise _NotFlat
        return "\n".join(f"{key}: {_flow(value)}" for key, value in body.items())
    except _NotFlat:
        return _dumped(body)


# PyYAML's emitter, written out for the values pages have (a build writes hundreds of front
# matters; the emitter took a tenth of legalsite's own time). Anything else goes to PyYAML
# itself; a test compares the two on generated values.

_QUOTED_AS_IS = re.compile(
    r"[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*"
)
"""What PyYAML writes literally in a double-quoted scalar (``allow_unicode``): printable
characters but the quote, the backslash, NEL, U+2028/9 and the byte-order mark."""

_YAML_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v", "\x0c": "f",
    "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}  # fmt: skip
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
"""Plain words YAML reads as a boolean or null: PyYAML quotes such a key."""
_FLOW_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""Keys PyYAML writes as simple keys in a flow mapping (no `?`: short, one line, not empty)."""


class _NotFlat(Exception):
    """A value the written-out emitter leaves to PyYAML."""


def _double_quoted(text: str) -> str:
    out = ['"']
    at = 0
    while True:
        literal = _QUOTED_AS_IS.match(text, at)
        assert literal is not None  # it matches the empty string
        end = literal.end()
        out.append(text[at:end])
        if end == len(text):
            break
        char = text[end]
        code = ord(char)
        if char in _YAML_ESCAPES:
            out.append("\\" + _YAML_ESCAPES[char])
        elif code <= 0xFF:
            out.append(f"\\x{code:02X}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
        at = end + 1
    out.append('"')
    return "".join(out)


def _flow(value: Any) -> str:
    if isinstance(value, str):
        return _double_quoted(value)
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is list:
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if type(value) is _Flow:
        if not all(type(key) is str and _FLOW_KEY.fullmatch(key) for key in value):
            raise _NotFlat
        return "{" + ", ".join(f'"{key}": {_flow(item)}' for key, item in value.items()) + "}"
    raise _NotFlat


def _dumped(body: dict[Any, Any]) -> str:
    text = yaml.dump(
        body,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=float("inf"),
    )
    return text.rstrip("\n")


# -- JSON ------------------------------------------------------------------------------------

_JSON_HTML = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_text(
    value: Any, *, indent: int | None = None, sort_keys: bool = False, compact: bool = False
) -> str:
    """JSON of ``value``; ``<``, ``>``, ``&`` and U+2028/9 as ``\\u`` escapes, so that it is
    also inert inside ``<script>`` or an HTML attribute; hidden characters shown visibly."""
    separators = (",", ":") if compact else None
    text = json.dumps(
        _visible_values(value),
        ensure_ascii=False,
        indent=indent,
        sort_keys=sort_keys,
        separators=separators,
    )
    return text.translate(_JSON_HTML)


# -- XML -------------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text for an XML element or attribute (the XML library escapes the markup): without any
    character XML 1.0 cannot carry (C0 controls, surrogates, U+FFFE/F), which are shown
    visibly like every hidden character."""
    return visible(text)


# -- GitHub-flavoured Markdown (the pull-request job summary) ---------------------------------

# Characters that take part in inline structure anywhere in a line, in GitHub Markdown (emphasis,
# strike-through, code, links and images, footnotes, math, tables, HTML, entities, a heading's
# closing #s) or in Python-Markdown with attr_list. The others ( - , . ; ( ) ' ... ) only mean
# something at the start of a line, which editor text never is here (line breaks become <br>).
_GFM_SPECIAL = "\\`*_{}[]~|$#!@"
_GFM = str.maketrans(
    {
        **{c: "\\" + c for c in _GFM_SPECIAL},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
    }
)
# GitHub's extended autolinks start at "www." or at "scheme://" (e-mail ones need "@").
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def gfm_text(text: str) -> str:
    """Inline text of a GitHub Markdown line: every character that could start structure is
    escaped (a backslash, or a character reference for ``& < > "``), and so are the ``.`` of
    ``www.`` and the ``:`` of ``://``, so no emphasis, strike-through, code, link, image,
    autolink, math, HTML or table can form in it; line breaks become ``<br>``."""
    shown = _show(text, "\r\n")
    return "<br>".join(
        _AUTOLINK.sub(lambda m: "\\" + m.group(), part.translate(_GFM))
        for part in _LINE_BREAK.split(shown)
    )


def _fence_for(text: str, *, minimum: int) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(minimum, longest + 1)


def gfm_code(text: str) -> str:
    """A code span holding ``text`` literally, on one line."""
    shown = _show(text, "")
    fence = _fence_for(shown, minimum=1)
    pad = " " if not shown or shown.startswith(("`", " ")) or shown.endswith(("`", " ")) else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def gfm_fence(text: str, info: str = "text") -> str:
    """A fenced code block holding ``text`` literally: the fence is longer than any run of
    backticks inside it, so no line of ``text`` can close it."""
    shown = _show(text, "\n")
    fence = _fence_for(shown, minimum=4)
    return f"{fence}{info}\n{shown}\n{fence}"


# -- Terminal --------------------------------------------------------------------------------


def terminal(text: str, *, lines: bool = False) -> str:
    """Text for a terminal: no escape sequence, bell, carriage return, bidi control or other
    hidden character reaches it; each is shown as its escape (``\\x1b``, ``\\u202e``).

    ``lines=True`` keeps line feeds, for a message of several lines; by default a line feed is
    shown as ``\\n`` too, so one item stays one line.
    """
    return _show(text, "\n" if lines else "")
