"""The options of the ``legalsite`` MkDocs plugin (``plugins: - legalsite: …`` in mkdocs.yml).

Each option is checked when MkDocs loads mkdocs.yml: a wrong value stops ``mkdocs build``,
``mkdocs serve`` and ``legalsite build`` with one line naming the option and the fix, never a
traceback.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from legalsite.model import characters
from legalsite.model.document import EARLIEST, LANG_NAMES, LANGS, LATEST
from legalsite.model.errors import LegalsiteError
from legalsite.model.escape import terminal
from legalsite.model.notice import DEFAULT_NOTICE, NoticeError, NoticeRule, parse_notice
from legalsite.site.plan import today_in

DEFAULT_AGREEMENTS = "agreements"
DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_PDF_CACHE = ".cache/legalsite"

"""Build dates outside these bounds are refused: date arithmetic near year 1 or 9999 overflows."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_MARKUP = frozenset("<>&\"'`")


def parse_build_date(value: object) -> date:
    """A build date from mkdocs.yml or the command line; ValueError says what is wrong."""
    day: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):  # not a YAML timestamp
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
    if day is None:
        raise ValueError(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-01")
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"{day.isoformat()} is out of range: a build date is between "
            f"{EARLIEST.isoformat()} and {LATEST.isoformat()}"
        )
    return day


def _visible(ch: str) -> bool:
    """Allowed as in an editor's text (:func:`legalsite.model.characters.kind_of`, U+3000 included),
    and no markup character."""
    return characters.kind_of(ch, ideographic_space=True) is None and ch not in _MARKUP


def is_plain_label(value: str) -> bool:
    """One line of visible text (words and ordinary spaces), nothing that could be markup:
    for the labels a site sets in mkdocs.yml."""
    return bool(value) and value.strip() == value and all(map(_visible, value))


class BuildDate(c.OptionallyRequired[date]):
    """A calendar date: written ``2025-03-01`` (YAML reads it as a date) or quoted."""

    def run_validation(self, value: object) -> date:
        try:
            return parse_build_date(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class TimeZone(c.OptionallyRequired[str]):
    """An IANA time zone name, such as ``Asia/Shanghai``."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, str) and value.strip() == value and value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: 'Asia', a folder
                pass
            else:
                return value
        raise ValidationError(
            f"'{value}' is not a time zone: write an IANA name such as {DEFAULT_TIMEZONE}"
        )


class Notice(c.OptionallyRequired[NoticeRule]):
    """A notice rule: ``1 working day``, ``N working days`` or ``N days``."""

    def run_validation(self, value: object) -> NoticeRule:
        if isinstance(value, NoticeRule):
            return value
        try:
            return parse_notice(value)
        except NoticeError as exc:
            raise ValidationError(f"{exc.message}: {exc.hint}") from None


class Languages(c.OptionallyRequired[dict[str, str]]):
    """The site's languages in order (the first is built at the site's root) with their labels."""

    def run_validation(self, value: object) -> dict[str, str]:
        expected = ", ".join(LANGS)
        if not isinstance(value, dict) or list(value) != list(LANGS):
            got = ", ".join(map(str, value)) if isinstance(value, dict) else repr(value)
            raise ValidationError(
                f"the languages must be {expected}, in that order, each with its label (got {got})"
            )
        for locale, label in value.items():
            if not isinstance(label, str) or not is_plain_label(label):
                raise ValidationError(
                    f"the label of {locale} must be plain text on one line, without markup "
                    f"(got {label!r})"
                )
        return dict(value)


class Agreements(c.OptionallyRequired[str]):
    """A folder named ``agreements``, relative to mkdocs.yml."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"'{value}' is not a folder name")
        parts = value.replace("\\", "/").rstrip("/").split("/")
        if parts[-1] != DEFAULT_AGREEMENTS or ".." in parts or value.startswith(("/", "~")):
            raise ValidationError(
                f"'{value}' is not a folder named {DEFAULT_AGREEMENTS} inside the project: the "
                f"commands and the editors' guide know it by that name (e.g. {DEFAULT_AGREEMENTS} "
                f"or legal/{DEFAULT_AGREEMENTS})"
            )
        return "/".join(parts)


class CacheFolder(c.OptionallyRequired[str]):
    """A folder for the rendered PDFs: relative to mkdocs.yml, or absolute."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip() or value.strip() != value:
            raise ValidationError(
                f"'{value}' is not a folder name: write a path such as {DEFAULT_PDF_CACHE}"
            )
        parts = value.replace("\\", "/").rstrip("/").split("/")
        if ".." in parts or value.startswith("~") or terminal(value) != value:
            raise ValidationError(
                f"'{value}' is not a plain folder path: write it without .., ~ or hidden "
                f"characters, e.g. {DEFAULT_PDF_CACHE}"
            )
        return value.rstrip("/") or value


class LegalsiteConfig(base.Config):  # type: ignore[no-untyped-call]
    """``plugins: - legalsite: {…}``: every option has a default that suits the Chinese site."""

    agreements = Agreements(default=DEFAULT_AGREEMENTS)
    """The folder of the editors' YAML (``<document>/<effective-date>/{zh,en}.yaml`` and
    ``calendar.yaml``), relative to mkdocs.yml. It is named ``agreements``; it may sit in a
    subfolder (``legal/agreements``)."""

    timezone = TimeZone(default=DEFAULT_TIMEZONE)
    """Where the site's day begins: the build date is today in this time zone, whatever the
    machine's own zone, and the daily publishing workflow runs just after its midnight."""

    today = c.Optional(BuildDate())
    """The build date (YYYY-MM-DD): the site shows what is published on that day. Unset, it is
    today in ``timezone``. ``legalsite build --today`` and ``legalsite serve --today`` set it
    for one run; a date written here pins every build (for an archive or a preview)."""

    notice = Notice(default=DEFAULT_NOTICE)
    """How long before a version takes effect it is published, for every document that states
    no rule of its own (``notice:`` in ``agreements/<document>/document.yaml``):
    ``1 working day`` (the default, this agreement's clause 十 / X: the latest PRC working day
    strictly before the effective date), ``N working days`` (the N-th working day before it) or
    ``N days`` (a notice period counted as 民法典 第二百零一条 and 第二百零三条 count periods:
    from the day after publication, a last day that is no working day moved to the day after
    the holiday, over before the effective date; 电子商务法 第三十四条 asks platform agreements
    for ``7 days``). ``new-version``, ``publish-date``, ``validate``, ``check-frozen``, the
    pages, the PDFs and the pull-request summary all use a document's rule, and the history
    page and the notice before a version takes effect state it in both languages."""

    languages = Languages(default=dict(LANG_NAMES))
    """The languages of every version, the first built at the site's root, with the label
    readers see for each (``zh: 中文``, ``en: English``). mkdocs-static-i18n must list the same
    languages, the first as its default."""

    governing_language = c.Optional(c.Type(str))
    """The language whose text prevails when the two differ (``zh`` or ``en``). Unset, the pages
    say nothing about it; set, every text of an agreement in the other language says so under
    its title, naming both labels."""

    pdf = c.Type(bool, default=True)
    """Whether the build makes a PDF of every version in each language, and of its redline
    against the version before it, linked from the version's page and listed with its SHA-256
    in versions.json. ``pdf: false`` builds a quicker preview without them. The PDFs need
    Debian's fonts-noto-cjk (the build says so when it is missing)."""

    pdf_cache = CacheFolder(default=DEFAULT_PDF_CACHE)
    """The folder that keeps the rendered PDFs between builds (relative to mkdocs.yml, or
    absolute; git-ignore it), so a rebuild renders only the new or changed ones. legalsite
    makes it, marks it with a ``CACHEDIR.TAG`` and refuses a folder it did not make; it never
    deletes an entry: delete the folder to empty it. It may not lie inside the site folder or a
    folder the site is made from."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        governing = self.get("governing_language")
        languages = self.get("languages") or {}
        checked = {name for name, _ in failed}
        if (
            isinstance(governing, str)
            and isinstance(languages, dict)
            and not {"governing_language", "languages"} & checked
            and governing not in languages
        ):
            failed.append(
                (
                    "governing_language",
                    ValidationError(
                        f"'{terminal(governing)}' is not one of the site's languages ("
                        f"{', '.join(languages) or ', '.join(LANGS)})"
                    ),
                )
            )
        return failed, warnings


def _plugin_entries(plugins: Any) -> list[tuple[Any, Any]] | None:
    """A raw ``plugins`` value of mkdocs.yml as (name, options) pairs in order, whichever form
    it takes: a mapping (name → options) or a list of names and one-entry mappings (options
    None for a bare name); None for anything else."""
    if isinstance(plugins, dict):
        return list(plugins.items())
    if not isinstance(plugins, list):
        return None
    entries: list[tuple[Any, Any]] = []
    for item in plugins:
        entries.extend(item.items() if isinstance(item, dict) else [(item, None)])
    return entries


def with_today(plugins: Any, today: date) -> Any:
    """The ``plugins`` value of mkdocs.yml with the legalsite plugin's ``today`` set.

    ``legalsite build`` and ``legalsite serve`` pass the build date this way, as an option of
    the plugin that MkDocs validates like any other, rather than through the environment. The
    result is in MkDocs' mapping form (name → options), which MkDocs reads without changing it:
    ``serve`` loads it again for every rebuild.
    """
    entries = _plugin_entries(plugins)
    if entries is None:
        return plugins
    names = [name for name, _ in entries]
    if len(set(names)) != len(names):  # several instances of a plugin: only a list says so
        return plugins
    value = today.isoformat()
    return {
        name: ({**(options or {}), "today": value} if name == PLUGIN_NAME else options)
        for name, options in entries
    }


def plugin_options(plugins: Any) -> dict[str, Any] | None:
    """The legalsite plugin's options in a raw ``plugins`` value of mkdocs.yml: None when the
    plugin is not listed, ``{}`` when it is listed without options."""
    for name, options in _plugin_entries(plugins) or ():
        if name == PLUGIN_NAME:
            return dict(options) if isinstance(options, dict) else {}
    return None


MARKDOWN_EXTENSIONS = frozenset(
    {
        # MkDocs' own (always on), and what the theme needs.
        "toc",
        "tables",
        "fenced_code",
        "attr_list",
        # Material's, which act only on syntax the pages' Markdown never holds (a block
        # starting a line, code) or change nothing the plugin writes: a build with each is
        # the same build (tests/test_extensions.py).
        "admonition",
        "def_list",
        "footnotes",
        "md_in_html",
        "pymdownx.betterem",
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.keys",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
    }
)
"""The Markdown extensions a site may list in mkdocs.yml: the plugin's pages are the editors'
text, shown as written, and an extension that rewrites text (``pymdownx.critic`` makes
``{--who is not--}`` a deletion, ``pymdownx.smartsymbols`` makes ``(c)`` ©, ``pymdownx.emoji``
makes ``:smile:`` a picture, ``pymdownx.snippets`` includes a file named in the text...) would
change what readers see. Every other one is refused by name, when the configuration is read."""


def refused_extensions(names: Any) -> list[str]:
    """The entries of ``markdown_extensions`` not in :data:`MARKDOWN_EXTENSIONS` (named as in
    mkdocs.yml; ``markdown.extensions.toc`` is ``toc``)."""
    refused = []
    for name in names or ():
        short = name.removeprefix("markdown.extensions.") if isinstance(name, str) else name
        if short not in MARKDOWN_EXTENSIONS:
            refused.append(str(name))
    return refused


PLUGIN_NAME = "legalsite"
"""The plugin's name in mkdocs.yml (the ``mkdocs.plugins`` entry point)."""


# -- What mkdocs.yml says of the plugin, before MkDocs validates it ----------------------------


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (``!ENV``, ``INHERIT``), before validation."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader()  # a class of its own: the constructor below stays local
    loader.add_constructor("!relative", lambda load, node: load.construct_scalar(node))
    try:
        with config_file.open("rb") as source:
            data = yaml_load(source, loader)
    except OSError as exc:
        raise LegalsiteError(f"cannot read {config_file.name}: {exc.strerror}") from None
    except (ConfigurationError, ValueError) as exc:
        # PyYAML raises ValueError for an impossible unquoted date such as 2025-02-30.
        raise LegalsiteError(
            f"{config_file.name} is not valid YAML: {exc}",
            hint='quote dates in mkdocs.yml (today: "2025-03-01") and check the indentation',
        ) from None
    if not isinstance(data, dict):
        raise LegalsiteError(f"{config_file.name} is not a mapping of settings")
    return data


def agreements_folder(config_file: Path) -> str:
    """The plugin's ``agreements`` option in mkdocs.yml (its default when unset)."""
    value = plugin_settings(config_file).get("agreements", DEFAULT_AGREEMENTS)
    folder: str = checked_option(config_file, "agreements", Agreements(), value)
    return folder


def site_today(config_file: Path, now: datetime | None = None) -> date:
    """The date a build of this site takes for today: the plugin's ``today`` option, else today
    in its ``timezone`` (Asia/Shanghai by default), so that ``new-version`` and
    ``check-frozen`` agree with the build on what is already published."""
    settings = plugin_settings(config_file)
    today, zone = settings.get("today"), settings.get("timezone")
    # Both are checked, as the plugin checks them, whichever is used.
    if today is not None:
        today = checked_option(config_file, "today", BuildDate(), today)
    if zone is not None:
        zone = checked_option(config_file, "timezone", TimeZone(), zone)
    if today is not None:
        found: date = today
        return found
    return today_in(ZoneInfo(zone or DEFAULT_TIMEZONE), now)


def site_notice(config_file: Path) -> NoticeRule:
    """The plugin's ``notice`` option in mkdocs.yml (its default when unset): the rule of every
    document that states none of its own."""
    value = plugin_settings(config_file).get("notice")
    if value is None:
        return DEFAULT_NOTICE
    rule: NoticeRule = checked_option(config_file, "notice", Notice(), value)
    return rule


def plugin_settings(config_file: Path) -> dict[str, Any]:
    """The plugin's options as mkdocs.yml writes them, before validation."""
    return plugin_options(read_config(config_file).get("plugins")) or {}


def checked_option(config_file: Path, name: str, option: Any, value: object) -> Any:
    """``value`` of the plugin's option ``name`` as the plugin's ``option`` checks it; a
    refusal as the CLI's one-line error."""
    from mkdocs.config.base import ValidationError

    try:
        return option.run_validation(value)
    except ValidationError as exc:
        raise LegalsiteError(
            f"{config_file.name}: plugin {PLUGIN_NAME} option {name}: {exc}"
        ) from None
