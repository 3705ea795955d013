"""The ``legalsite`` MkDocs plugin: a site is mkdocs.yml plus agreements/.

On each build it loads and checks the agreements, plans the pages for the build date once (the
i18n plugin runs every event again for each further language: those runs reuse the plan), writes
the generated Markdown into a working folder of its own and points MkDocs at it, sets the nav,
and adds its theme overrides, stylesheet and scripts (package data) to the site. It refuses a
site folder a build may not empty (:mod:`legalsite.site.folders`) and marks the folders it writes.

Why a working folder, and not MkDocs 1.6's ``File.generated`` pages added in ``on_files``:
mkdocs-static-i18n 1.3.1 sorts the files by ``is_relative_to(file.abs_src_path, docs_dir)``,
which raises TypeError for a page backed by content (its ``abs_src_path`` is None); a generated
page backed by a file elsewhere is not under ``docs_dir``, so it logs "Unhandled file case" and
drops it; and for a page under ``docs_dir`` it makes a new ``File(src_path, docs_dir)``, which
reads the file from the folder, not the generated content. So the pages are files in
``docs_dir``, with their meta as YAML front matter MkDocs reads there.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
import sys
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jinja2
import jinja2.bccache
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from legalsite.evidence import pdf_cache, user_cache
from legalsite.evidence.previous import PreviousSite
from legalsite.model import escape, routes
from legalsite.model.document import LANGS, Lang, Timeline
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.model.escape import visible
from legalsite.model.notice import NoticeRule
from legalsite.model.words import script_words, t
from legalsite.plugin import access, preview, rawhtml, search
from legalsite.plugin.config import (
    MARKDOWN_EXTENSIONS,
    LegalsiteConfig,
    read_config,
    refused_extensions,
)
from legalsite.site import folders
from legalsite.site.feeds import FEED_FILE, document_feed_path
from legalsite.site.plan import (
    SiteContent,
    generated_files,
    nav,
    plan,
    today_in,
    version_nav,
)
from legalsite.site.render import under_title
from legalsite.sources.calendar import WorkingCalendar, load_calendar
from legalsite.sources.load import Project, Selection, load_project, sources_digest

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
"""The theme overrides, stylesheet and scripts the plugin adds to the site."""
STYLESHEET = "assets/legalsite.css"
SCRIPT = "assets/legalsite.js"
SCRIPTS = (SCRIPT, "assets/legalsite-clauselinks.js")
"""The scripts of every page, in order (a page's own, such as the compare page's, it loads)."""
I18N = "i18n"

Timing = Callable[[str, float], None]
"""Called with a phase's name and its duration in seconds (``scripts/benchmark.py``)."""

R = TypeVar("R")


@dataclass(frozen=True)
class _Plan:
    key: tuple[Path, str, date, str, Path | None, str, NoticeRule, str | None]
    content: SiteContent
    checks: tuple[Problem, ...] = ()
    """In the preview: what validate would refuse in the versions being edited."""


def theme_words(lang: Lang, *, timezone: str) -> dict[str, str]:
    """What ``main.html`` writes into every page of ``lang``: as JSON, the words of
    ``legalsite.js`` (:func:`legalsite.model.words.script_words`) with the site's ``timezone``
    (the plugin's option), the zone whose date the script takes for today; the feeds' titles
    come with the feeds (:func:`feed_links`)."""
    return {
        "script": escape.json_text({**script_words(lang), "timezone": timezone}, sort_keys=True)
    }


class LegalsitePlugin(BasePlugin[LegalsiteConfig]):  # type: ignore[no-untyped-call]
    """Renders the agreements into the pages of the site; see :class:`LegalsiteConfig`."""

    def __init__(self) -> None:
        self._work: folders.WorkFolder | None = None
        self._cleanup: weakref.finalize[[], LegalsitePlugin] | None = None
        self._plan: _Plan | None = None
        self.timing: Timing | None = None
        """Set by ``legalsite build`` to measure the render phases."""
        self.failure: LegalsiteError | None = None
        """Why the last build stopped, with its located problems (``legalsite build`` shows
        them as they are; MkDocs would flatten them into one line)."""
        self.previous: PreviousSite | None = None
        """Set by ``legalsite build --previous SITE``: the last published site, whose files the
        build serves again as they were (:mod:`legalsite.evidence.previous`)."""
        self.today: date | None = None
        """The build date of the build under way (or the last one)."""
        self._serving = False
        """Whether this is ``mkdocs serve``: the editor's preview (:mod:`.preview`)."""
        self._edited: set[preview.VersionKey] = set()
        self._digests: dict[preview.VersionKey, str] | None = None
        self._problem: LegalsiteError | None = None
        """What the files' last change broke, shown on the last good pages (preview)."""
        self._left_out = 0
        self._lifted: dict[int, rawhtml.Lifted] = {}
        """Each page's HTML blocks, from on_page_markdown to on_page_content."""
        self._documents: dict[str, tuple[Timeline, Section]] = {}
        """Each document's timeline and its section of the language's navigation (on_nav)."""
        self._overview: list[StructureItem] = []
        """The navigation of a page of no document (home): home, each document's current text."""

    # -- Lifetime: one working folder per `mkdocs build` or `mkdocs serve` process ------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._release()
        self._serving = command == "serve"
        self._edited, self._digests, self._problem = set(), None, None
        self._lifted.clear()

    def on_shutdown(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._cleanup is not None:
            self._cleanup()  # removes the working folder, once
        self._work = self._cleanup = None
        self._plan = None

    def _work_folder(self) -> folders.WorkFolder:
        if self._work is None:
            self._work = folders.WorkFolder()
            # Also when on_shutdown never comes (MkDocs' build() called directly): at exit.
            self._cleanup = weakref.finalize(self, self._work.remove)
        return self._work

    # -- Build ---------------------------------------------------------------------------------

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen the language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self._nested(config):
            try:
                self._prepare(config)
                self._problem = None
            except LegalsiteError as exc:
                if not (self._serving and self._plan is not None and self._work is not None):
                    self.failure = exc
                    raise PluginError(f"legalsite: {exc}") from None
                # The preview keeps serving the last good pages, with the problems on top.
                # Not through MkDocs' log: strict mode would count it and stop the preview.
                self._problem = exc
                print(f"legalsite: {exc}", file=sys.stderr, flush=True)
        assert self._plan is not None and self._work is not None
        content = self._plan.content
        config.docs_dir = str(self._work.path)
        _add_theme(config)
        lang = self._language(config)
        config.nav = nav(content, lang)
        # The versions' pages are left out of the nav on purpose (issue 23; on_page_context).
        config.validation.nav.omitted_files = logging.DEBUG
        config.extra["legalsite"] = content.freshness(lang)
        config.extra["legalsite_words"] = theme_words(lang, timezone=self.config.timezone)
        _localise_chrome(config, lang)
        config.extra["legalsite_feeds"] = feed_links(content, lang)
        return config

    def _prepare(self, config: MkDocsConfig) -> None:
        """Once per build: check the configuration and folders, plan, write the pages."""
        project = Path(config.config_file_path).parent
        agreements = project / self.config.agreements
        self._check_config(config, agreements)
        folders.check_site_folder(
            Path(config.site_dir), project=project, sources=source_folders(config, agreements)
        )
        self.today = self.config.today or today_in(ZoneInfo(self.config.timezone))
        # The preview makes no PDFs: a PDF takes seconds, and the published ones are built by CI.
        cache = None if self._serving else self.pdf_cache(project)
        if cache is not None:
            check_cache_folder(cache, Path(config.site_dir), source_folders(config, agreements))
        content = self._planned(
            agreements.parent,
            self.today,
            config.site_url or "/",
            cache,
            declared_site_url(config),
            project,
        )
        work = self._work_folder()
        self._timed("write", lambda: work.write(generated_files(content)))

    def pdf_cache(self, project: Path) -> Path | None:
        """The folder of the rendered PDFs (None when the build makes no PDFs)."""
        return project / self.config.pdf_cache if self.config.pdf else None

    def _planned(
        self,
        root: Path,
        today: date,
        base_url: str,
        cache_folder: Path | None,
        pdf_base: str,
        project_folder: Path,
    ) -> SiteContent:
        """The site's content, planned once per sources, date, addresses and PDF cache folder
        (None: no PDFs); the PDFs come from ``cache_folder`` (only those this machine made,
        :class:`~legalsite.evidence.pdf_cache.PdfCache`) or are rendered into it."""
        notice = self.config.notice
        previous = self.previous
        key = (
            root.resolve(),
            sources_digest(root),
            today,
            base_url,
            cache_folder,
            pdf_base,
            notice,
            previous.source if previous is not None else None,
        )
        if self._plan is None or self._plan.key != key:
            calendar = self._timed("calendar", lambda: load_calendar(root))
            project = self._timed(
                "load", lambda: load_project(root, only=self._preview(root, calendar, today))
            )
            checks: tuple[Problem, ...] = ()
            if self._serving:
                checks = tuple(preview.version_checks(project, self._focus(project)))
                if checks:
                    shown = "\n".join(f"  {problem}" for problem in checks)
                    print(
                        f"legalsite: {self._checks_summary(len(checks))}\n{shown}",
                        file=sys.stderr,
                        flush=True,
                    )
            pdfs = (
                pdf_cache.Renderer(pdf_cache.PdfCache(cache_folder, project=project_folder))
                if cache_folder
                else None
            )
            content = self._timed(
                "plan",
                lambda: plan(
                    project,
                    calendar,
                    today,
                    base_url=base_url,
                    pdfs=pdfs,
                    pdf_base_url=pdf_base,
                    notice=notice,
                    previous=previous,
                    problems=lambda: previous.problems if previous is not None else (),
                    character_classes=user_cache.character_classes(project_folder),
                ),
            )
            self._plan = _Plan(key, content, checks)
        return self._plan.content

    def _preview(self, root: Path, calendar: WorkingCalendar, today: date) -> Selection | None:
        """In the preview, the versions to build (:func:`preview.select`); None otherwise."""
        if not self._serving:
            return None
        digests = preview.version_digests(root)
        if self._digests is not None:
            self._edited |= preview.changed(self._digests, digests)
        self._digests = digests
        only = preview.select(digests, calendar, today, self._edited)
        self._left_out = preview.left_out(only, digests)
        return only

    def _focus(self, project: Project) -> set[preview.VersionKey]:
        """The versions an editor works on: each document's newest and every edited one."""
        newest = {(d.id, d.versions[-1].id) for d in project.documents if d.versions}
        return newest | self._edited

    @property
    def checks(self) -> tuple[Problem, ...]:
        """In the preview: what validate would refuse in the versions being edited, as of the
        last good files; none while the files are broken (validate, too, reports only what
        breaks the files then)."""
        if self._plan is None or self._problem is not None:
            return ()
        return self._plan.checks

    def _checks_summary(self, count: int) -> str:
        return (
            f"{count} problem(s) `legalsite validate` will refuse "
            "(the pages are built all the same)"
        )

    def _timed(self, phase: str, work: Callable[[], R]) -> R:
        started = time.perf_counter()
        try:
            return work()
        finally:
            if self.timing is not None:
                self.timing(phase, time.perf_counter() - started)

    def _check_config(self, config: MkDocsConfig, agreements: Path) -> None:
        """What a site must choose, checked before anything is written."""
        languages = list(self.config.languages)
        i18n = config.plugins.get(I18N)
        i18n_config = getattr(i18n, "config", None)
        if i18n_config is None:
            raise LegalsiteError(
                "the i18n plugin (mkdocs-static-i18n) is not in mkdocs.yml",
                hint="add it after legalsite under plugins:, with docs_structure: folder and "
                f"the languages {', '.join(languages)} ({languages[0]} the default)",
            )
        locales = [lang.locale for lang in i18n_config.languages]
        defaults = [lang.locale for lang in i18n_config.languages if lang.default]
        if (
            i18n_config.docs_structure != "folder"
            or locales != languages
            or defaults != [languages[0]]
        ):
            raise LegalsiteError(
                f"the i18n plugin must build the languages {', '.join(languages)} from folders, "
                f"{languages[0]} the default (it has docs_structure: "
                f"{i18n_config.docs_structure}, languages: {', '.join(locales) or 'none'})",
                hint=f"set docs_structure: folder and list the locales {', '.join(languages)} "
                f"in that order, with default: true on {languages[0]}",
            )
        refused = refused_extensions(config.markdown_extensions)
        if refused:
            names = ", ".join(f"'{name}'" for name in refused)
            raise LegalsiteError(
                f"markdown_extensions in mkdocs.yml lists {names}: an extension that may change "
                "the agreements' text on the pages (they show it as written) is refused",
                hint="remove it from markdown_extensions; these leave the pages as they are: "
                + ", ".join(sorted(MARKDOWN_EXTENSIONS)),
            )
        if not config.site_url:
            raise LegalsiteError(
                "site_url is not set in mkdocs.yml",
                hint="the feeds and versions.json give each version's full address: set "
                "site_url: to the site's address, e.g. https://legal.example.com/",
            )
        if not agreements.is_dir():
            raise LegalsiteError(
                f"no folder {self.config.agreements}/ beside mkdocs.yml",
                hint="the plugin's agreements: option names the folder of the agreements",
            )
        docs = Path(config.docs_dir).resolve()
        stray = sorted(_files(docs)) if docs != agreements.resolve() else []
        if stray:
            raise LegalsiteError(
                f"docs_dir {config.docs_dir} holds files the site would not show: "
                f"{', '.join(stray[:3])}",
                hint="the pages are generated from the agreements: set docs_dir: "
                f"{self.config.agreements} in mkdocs.yml, and put theme changes in "
                "theme.custom_dir",
            )

    def _language(self, config: MkDocsConfig) -> Lang:
        current = getattr(config.plugins.get(I18N), "current_language", None)
        return next((lang for lang in LANGS if lang == current), LANGS[0])

    @staticmethod
    def _nested(config: MkDocsConfig) -> bool:
        """Whether this is mkdocs-static-i18n's build of a further language inside a build."""
        return bool(getattr(config.plugins.get(I18N), "building", False))

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # MkDocs makes a new template environment for each language of each build (and each
        # preview rebuild); compiling the theme's templates again was ~5% of a build.
        if config.config_file_path:
            project = Path(config.config_file_path).parent
            TEMPLATE_CACHE.folder = user_cache.subfolder(TEMPLATES_FOLDER, project)
        env.bytecode_cache = TEMPLATE_CACHE
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self._nested(config):
            folders.mark_building(Path(config.site_dir))

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        # The sitemap's lastmod and the gzip header's time: the build date, not the clock.
        if self.today is not None:
            page.update_date = self.today.isoformat()
        return page

    @event_priority(-100)  # after other plugins: they see the page's Markdown as written
    def _lift_html(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The page's own HTML blocks skip Markdown's HTML parser (rawhtml): all pages are ours.
        # The Markdown without them (placeholders instead), and the blocks for on_page_content:
        lifted, self._lifted[id(page)] = rawhtml.lift(markdown)
        return lifted

    def _governing_notice(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        governing = self.config.governing_language
        data = page.meta.get("legalsite") if isinstance(page.meta, dict) else None
        lang = self._language(config)
        # Every page that shows the text of a version (the version, the current copy, side by
        # side) in a language that does not prevail: near the top, under its title (issue 13).
        if governing in (None, lang) or not isinstance(data, dict) or "version" not in data:
            return markdown
        labels = self.config.languages
        other = next(locale for locale in labels if locale != governing)
        notice = t(lang, "governing", governing=labels[governing], other=labels[other])
        return under_title(markdown, f'<p class="ls-governing">{html.escape(notice)}</p>')

    on_page_markdown = CombinedEvent(_governing_notice, _lift_html)

    @event_priority(100)  # before other plugins: they see the page's whole HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lifted = self._lifted.pop(id(page), None)
        if lifted is not None:
            html = rawhtml.restore(html, lifted)
            # What MkDocs would have read from the page (links to anchors are checked on it).
            page.markdown = lifted.markdown
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= rawhtml.anchor_ids(lifted)
        # Headings' ¶ out of the tab order, as the clauses' (issue 16).
        return access.untab_heading_permalinks(html)

    @event_priority(100)  # before Material's search plugin reads the page
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The search index is built from the model (legalsite.plugin.search), not from the
        # pages: Material's search indexes none of them (and so never loads jieba).
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        context["nav"] = self._page_nav(page, nav, self._language(config))
        return context

    # -- Navigation: each page its own, of a size that does not grow with the site (issue 23) ---

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The plan's nav (legalsite.site.plan.nav): home, then one section per document.
        assert self._plan is not None
        lines = self._plan.content.timelines
        sections = [item for item in nav.items[1:] if isinstance(item, Section)]
        self._documents = {
            line.document.id: (line, section) for line, section in zip(lines, sections, strict=True)
        }
        self._overview = [
            nav.items[0],
            *(
                Link(s.title, s.children[0].url)
                for s in sections
                if isinstance(s.children[0], Page)
            ),
        ]
        return nav

    def _page_nav(self, page: Page, site: Navigation, lang: Lang) -> Navigation:
        """A page of a document: home and its document's pages, and on a version's page that
        version's pages, expanded down to the page read (issue 16); any other page: home and
        each document's current text. Neither grows with the versions or documents."""
        data = page.meta.get("legalsite")
        found = self._documents.get(str(data.get("document"))) if isinstance(data, dict) else None
        if data is None or found is None:
            return Navigation(self._overview, site.pages)
        line, section = found
        version = data.get("version")
        if page.parent is not None or not isinstance(version, str):
            return Navigation([site.items[0], section], site.pages)
        prefix = "" if lang == LANGS[0] else f"{lang}/"
        added = _nav_items(version_nav(line, version, lang), page, prefix)
        own = Section(section.title, [*section.children, *added])
        for item in added:
            item.parent = own
        page.active = True  # again, now that the page has its place: its sections expand
        return Navigation([site.items[0], own], site.pages)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Each further language's pages read their own index, under their language's root.
        # The navigation's link to this page says so to a screen reader (issue 16).
        output = access.mark_current_page(output)
        output = search.retarget_config(output, self._language(config))
        if self._serving:
            banner = preview.notice_banner(self._left_out)
            problem = self._problem
            checks = self.checks
            if checks:
                summary = self._checks_summary(len(checks))
                banner = preview.problems_banner(checks, summary) + banner
            if problem is not None:
                hint = f" (hint: {problem.hint})" if problem.hint else ""
                banner = preview.problems_banner(problem.problems, problem.message + hint) + banner
            output = preview.with_banner(output, banner)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # One 404 page serves every address in both languages (issue 25): the default
        # language's build writes it, so the page is lang="zh" with the site's first header.
        # mkdocs-static-i18n builds each further language into the same site folder, and
        # MkDocs writes no file for a template whose output is empty.
        if template_name == "404.html" and self._nested(config):
            return ""
        return output_content

    @event_priority(-200)  # after mkdocs-static-i18n has built the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._nested(config):
            if self._plan is not None and search.enabled(config.plugins):
                # After Material's (empty) index: one index per language, the text in force.
                search.write_indexes(self._plan.content, Path(config.site_dir))
            folders.mark_complete(Path(config.site_dir))

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # Watch the agreements, not the generated pages: a YAML edit rebuilds once.
        if self._work is not None and str(self._work.path) == config.docs_dir:
            server.unwatch(config.docs_dir)
        server.watch(str(Path(config.config_file_path).parent / self.config.agreements))
        return server


def _nav_items(entries: list[Any], page: Page, prefix: str) -> list[StructureItem]:
    """MkDocs' navigation items for ``entries`` (the form of mkdocs.yml's nav, paths relative
    to the language folder under ``prefix``): ``page`` itself where it is listed, titled as
    the entry; a link to every other page."""
    items: list[StructureItem] = []
    for entry in entries:
        ((title, value),) = entry.items()
        if isinstance(value, list):
            children = _nav_items(value, page, prefix)
            section = Section(title, children)
            for child in children:
                child.parent = section
            items.append(section)
        elif page.url == prefix + routes.page_url(value):
            page.title = title
            items.append(page)
        else:
            items.append(Link(title, prefix + routes.page_url(value)))
    return items


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the process and, with a ``folder``
    (:data:`TEMPLATES_FOLDER` in the user's cache folder), on disk between builds: compiling
    the theme's templates (Material's and legalsite's) was a fifth of a small site's build.
    Jinja checks each entry against the template's source (a checksum) and the Python version
    (its magic header), so an edited template is compiled again; the name of an entry on disk
    is the template's key with the environment's compile options and Jinja's version, so an
    entry is only read by an environment that compiles as the one that wrote it. An entry that
    cannot be read is compiled again and written over, whole (:func:`user_cache.write_whole`).
    The folder is the user's own, as the PDF cache's key in it is."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = user_cache.read_entry(self._entry(bucket))
            except OSError:
                return
        if code is not None:
            try:
                bucket.bytecode_from_string(code)
            except Exception:
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._code[bucket.key] = code
        if self.folder is not None:
            with contextlib.suppress(OSError):
                user_cache.write_whole(self._entry(bucket), code)

    def clear(self) -> None:
        self._code.clear()

    def _entry(self, bucket: jinja2.bccache.Bucket) -> Path:
        assert self.folder is not None
        env = bucket.environment
        compiles_as = (
            jinja2.__version__,
            bucket.key,
            sorted(env.extensions),
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            _named(env.autoescape),
            _named(env.finalize),
            sorted(env.filters),
            sorted(env.tests),
        )
        name = hashlib.sha256(repr(compiles_as).encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{name}.jinja"


def _named(value: Any) -> str:
    """A compile option as a name: a function by its module and name, anything else by repr."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return repr(value)


TEMPLATES_FOLDER = "templates"
"""The folder of compiled templates, in the user's cache folder."""
TEMPLATE_CACHE = MemoryBytecodeCache()


def source_folders(config: MkDocsConfig, agreements: Path) -> list[Path]:
    """The folders a site is made from, which no site folder may be or contain."""
    sources = [agreements, Path(config.docs_dir), THEME_DIR]
    if config.theme.custom_dir:
        sources.append(Path(config.theme.custom_dir))
    sources.extend(Path(path) for path in config.watch)
    return sources


def declared_site_url(config: MkDocsConfig) -> str:
    """``site_url`` as mkdocs.yml writes it. ``mkdocs serve`` replaces ``config.site_url`` with
    its own local address; a PDF gives the version's permanent address, and must be the same
    file in a preview as in the published site."""
    value = None
    if config.config_file_path:
        try:
            value = read_config(Path(config.config_file_path)).get("site_url")
        except LegalsiteError:
            value = None
    return value if isinstance(value, str) and value else (config.site_url or "/")


def check_cache_folder(cache: Path, site_dir: Path, sources: list[Path]) -> None:
    """The PDF cache is a folder of its own: not in the site folder (a build replaces it) or in
    a folder the site is made from (the cache would become part of the site or be watched), and
    not around one of them (``.``, ``/``: a folder legalsite does not own)."""
    resolved = cache.resolve()
    hint = (
        "set the plugin's pdf_cache option to a folder of its own, e.g. .cache/legalsite "
        "beside mkdocs.yml"
    )
    for folder in [site_dir, *sources]:
        if resolved.is_relative_to(folder.resolve()):
            raise LegalsiteError(f"the PDF cache {cache} lies inside {folder}", hint=hint)
        if folder.resolve().is_relative_to(resolved):
            raise LegalsiteError(f"the PDF cache {cache} contains {folder}", hint=hint)


def _add_theme(config: MkDocsConfig) -> None:
    """The plugin's theme folder after the site's custom_dir, before Material's own; its
    stylesheet and script before the site's own extra ones. Idempotent."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(dirs.index(custom) + 1 if custom in dirs else 0, str(THEME_DIR))
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
    present = [str(script) for script in config.extra_javascript]
    for index, script in enumerate(SCRIPTS):
        if script not in present:
            config.extra_javascript.insert(index, ExtraScriptValue(script))


def feed_links(content: SiteContent, lang: Lang) -> dict[str, Any]:
    """What ``main.html`` needs to advertise a language's feeds (issue 13): the site's feed and
    each document's (paths from the site's root), their titles, and the subscribe link's word."""
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    return {
        "site": prefix + FEED_FILE,
        "site_title": t(lang, "site_feed_link_title"),
        "documents": {
            line.document.id: {
                "href": prefix + document_feed_path(line.document.id),
                # An attribute: hidden characters shown visibly (the template escapes markup).
                "title": visible(
                    t(lang, "document_feed_link_title", title=line.document.title(lang))
                ),
            }
            for line in content.timelines
        },
        "subscribe": t(lang, "subscribe"),
    }


def _localise_chrome(config: MkDocsConfig, lang: Lang) -> None:
    """The site's own words in each language's build (issue 13): the headings' permalink
    tooltip (the toc extension's ``permalink_title``, one language per page), and the 404
    page's words and links, in every language (``404.html``: one page for every address)."""
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = t(lang, "heading_permalink")
    # The 404 page is served at any address: its links start at the site's root.
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    config.extra["legalsite_not_found"] = [
        {
            "lang": other,
            "title": t(other, "not_found_title"),
            "text": t(other, "not_found_text"),
            "home": t(other, "not_found_home"),
            "link": base + ("" if other == LANGS[0] else f"{other}/"),
        }
        for other in LANGS
    ]


def _files(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
