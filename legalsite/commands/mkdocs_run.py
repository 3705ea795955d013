"""Running MkDocs for ``legalsite build`` and ``legalsite serve``, with the build date passed as
the plugin's ``today`` option; never through the environment or the working directory.

``build`` writes the site into a new hidden sibling of the site folder and puts it in place in
one rename once it is complete, so an interrupted or failed build leaves the previous site as
it was (one killed outright leaves the sibling, which the next build deletes:
:func:`legalsite.site.folders.remove_dead_builds`); the previous site's files are deleted only
if its marker lists them, and its hidden top-level entries (``.git``, ``.nojekyll``) move into
the new site. A site folder that is a symbolic link is built where the link points; the link
stays.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError
from mkdocs.config.config_options import IpAddress

from legalsite.evidence.previous import PreviousSite
from legalsite.model.errors import LegalsiteError
from legalsite.plugin.config import (
    PLUGIN_NAME,
    plugin_options,
    read_config,
    with_today,
)
from legalsite.plugin.plugin import (
    LegalsitePlugin,
    Timing,
    check_cache_folder,
    source_folders,
)
from legalsite.site import folders

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Built:
    """What ``legalsite build`` made."""

    site: Path
    today: date
    left: tuple[str, ...] = ()
    """Files of the previous site kept because its marker did not list them (normally none)."""


def _load(config_file: Path, today: date | None, **options: Any) -> Any:
    """The validated MkDocs config with the build date set; MkDocs' own messages on error."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    plugins = read_config(config_file).get("plugins")
    if plugin_options(plugins) is None:
        raise LegalsiteError(
            f"{config_file.name} does not use the legalsite plugin",
            hint=f"add `- {PLUGIN_NAME}` under plugins: in {config_file.name}",
        )
    if today is not None:
        options["plugins"] = with_today(plugins, today)
    logger = logging.getLogger("mkdocs.config")
    collected = _Collect()
    logger.addHandler(collected)
    try:
        return load_config(str(config_file), **options)
    except Abort as exc:
        problems = [line.split(": ", 1)[1] for line in collected.lines] or [str(exc)]
        lines = (f"{config_file.name}: {line}" for line in problems)
        raise LegalsiteError("\n".join(lines)) from None
    finally:
        logger.removeHandler(collected)


def _plugin(config: Any) -> LegalsitePlugin:
    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, LegalsitePlugin):  # pragma: no cover - _load checked mkdocs.yml
        raise LegalsiteError(f"the {PLUGIN_NAME} plugin is not enabled")
    return plugin


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to show them when the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@contextlib.contextmanager
def _mkdocs_errors(quiet: bool, command: str = "build") -> Iterator[_Collect]:
    """MkDocs' log while it runs; its failures as one LegalsiteError with the warnings, each
    a line of its own under the message."""
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    collected = _Collect()
    logger.addHandler(collected)
    try:
        with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
            yield collected
    except MkDocsException as exc:
        details = [part for line in collected.lines for part in line.splitlines()]
        raise LegalsiteError(
            f"the MkDocs {command} failed: {' '.join(str(exc).split())}",
            details=details,
            hint="run `mkdocs build --strict` to see the full log"
            if command == "build"
            else "fix what the lines above name in mkdocs.yml, then run legalsite serve again",
        ) from None
    finally:
        logger.removeHandler(collected)
        logger.setLevel(level)


def build(
    config_file: Path,
    *,
    today: date | None = None,
    site_dir: Path | None = None,
    quiet: bool = False,
    timing: Timing | None = None,
    previous: PreviousSite | None = None,
) -> Built:
    """Build the site (strict) and put it in place whole; see the module's docstring. With
    ``previous`` (the last published site), its files are served again as they were."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    with _mkdocs_errors(quiet):
        config = _load(config_file, today)
        plugin = _plugin(config)
        target = (site_dir or Path(config.site_dir)).absolute()
        if target.is_symlink():
            # site -> /var/www/legal: the site goes where the link points, and the link stays.
            target = target.resolve()
        agreements = config_file.parent / plugin.config.agreements
        sources = source_folders(config, agreements)
        folders.check_site_folder(target, project=config_file.parent, sources=sources)
        cache = plugin.pdf_cache(config_file.parent)
        if cache is not None:
            check_cache_folder(cache, target, sources)
        target.parent.mkdir(parents=True, exist_ok=True)
        # What a build killed outright left beside the site (its lock is free): deleted.
        folders.remove_dead_builds(target)
        with folders.building(target) as temporary:
            config.site_dir = str(temporary)
            plugin.timing = timing
            plugin.previous = previous
            try:
                config.plugins.on_startup(command="build", dirty=False)
                plugin.failure = None
                try:
                    mkdocs_build(config)
                except Abort:
                    if plugin.failure is not None:  # the plugin's own, problems and all
                        raise plugin.failure from None
                    raise
                finally:
                    config.plugins.on_shutdown()
                folders.release_building(temporary)
                replaced = folders.sibling(target, "previous")
                left = folders.replace_site(temporary, target, replaced)
            except BaseException:
                folders.discard(temporary)
                raise
            finally:
                plugin.timing = None
                plugin.previous = None
    assert plugin.today is not None
    return Built(target, plugin.today, tuple(left))


def dev_address(value: str) -> str:
    """The rule for ``serve --dev-addr``: what MkDocs' own ``dev_addr`` accepts (an IP address,
    IPv6 in brackets, or ``localhost``), with a port from 1 to 65535 written in digits; so a
    host name MkDocs would refuse is refused here, not blamed on mkdocs.yml."""
    port = value.rpartition(":")[2]
    try:
        IpAddress().validate(value)  # type: ignore[no-untyped-call]
        valid = port.isascii() and port.isdigit() and 0 < int(port) < 65536
    except ValidationError:
        valid = False
    if not valid:
        raise ValueError(
            f"'{value}' is not IP:PORT (an IP address or localhost, and a port from 1 to 65535, "
            "e.g. 127.0.0.1:8000)"
        )
    return value


def serve(config_file: Path, *, today: date | None = None, dev_addr: str | None = None) -> None:
    """``mkdocs serve`` with the build date set; rebuilds when an agreement changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    # Material prints an end-of-life notice to ``mkdocs`` users on import: not for editors.
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    _load(config_file, today)  # the configuration's errors as legalsite's, before serving

    # Stopped by SIGTERM (a process manager, `kill`) as by Ctrl+C: MkDocs shuts down and the
    # plugin deletes its working folder, instead of leaving /tmp/legalsite-pages-* behind.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with _mkdocs_errors(quiet=False, command="serve"):
            plugins = read_config(config_file).get("plugins")
            options: dict[str, Any] = {"dev_addr": dev_addr}
            if today is not None:
                options["plugins"] = with_today(plugins, today)
            mkdocs_serve(str(config_file), **options)
    finally:
        logger.removeHandler(handler)
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
