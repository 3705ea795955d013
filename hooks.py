"""MkDocs hooks: render agreements/ into docs/zh and docs/en before MkDocs reads the docs.

Thin on purpose: the work is in legalsite.site. mkdocs-static-i18n runs every hook once per
language, so generation is idempotent and writes only what changed (``mkdocs serve`` watches
agreements/ and re-renders on a YAML edit without rebuilding forever).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from legalsite.errors import LegalsiteError
from legalsite.model import LANGS
from legalsite.site import build_date, generate, nav, source_date_epoch


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    # Material's search segments Chinese with jieba, which logs its dictionary loading.
    jieba.setLogLevel(logging.WARNING)
    # The build date drives which versions are visible; pin archive and sitemap dates to it.
    try:
        today = build_date()
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(today)))
        root = Path(config.config_file_path).parent
        content = generate(root, today, base_url=config.site_url or "/")
    except LegalsiteError as exc:
        raise Abort(f"legalsite: {exc}") from None
    lang = getattr(config.plugins.get("i18n"), "current_language", None) or "zh"
    config.nav = nav(content, lang)
    # The build date and the next date the site must change, for the missed-rebuild warning.
    config.extra["legalsite"] = content.freshness(lang if lang in LANGS else LANGS[0])
    return config
