"""Machine-readable versions (issue 13): schema.org JSON-LD on each version page, and the
canonical text whose SHA-256 versions.json gives, downloadable beside each version."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from posixpath import normpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite.model import escape, routes
from legalsite.model.document import LANGS, Lang, timeline
from legalsite.site import render
from legalsite.site.plan import generated_files, plan
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES
from tests.hostile import hostile_text, markup
from tests.test_feeds import built  # noqa: F401  (the basic site, built once for the module)

BASE = "https://legal.example.com/"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _site(today: date) -> dict[str, str | bytes]:
    root = SITES / "revision"
    return generated_files(plan(load_project(root), load_calendar(root), today, base_url=BASE))


@pytest.mark.parametrize("lang", LANGS)
def test_each_version_page_describes_its_version_and_links_its_canonical_text(lang: Lang) -> None:
    files = _site(date(2025, 8, 29))  # 2025-09-01 is published, not yet in force
    index = json.loads(str(files["versions.json"]))
    prefix = "" if lang == "zh" else "en/"
    force = {"2024-01-01": "NotInForce", "2025-07-01": "InForce", "2025-09-01": "NotInForce"}
    for entry in index["documents"][0]["versions"]:
        version = entry["id"]
        facts = entry["languages"][lang]
        pages = [f"user-service-agreement/{version}/index.md"]
        if entry["status"] == "current":
            pages.append("user-service-agreement/index.md")
        for path in pages:
            page = str(files[f"{lang}/{path}"])
            (block,) = SCRIPT.findall(page)
            data = json.loads(block)
            assert data["@type"] == "Legislation"
            assert data["url"] == data["@id"] == BASE + facts["url"]
            assert data["legislationDateVersion"] == entry["effective"] == version
            assert data["datePublished"] == entry["published"]
            assert data["inLanguage"] == ("zh-CN" if lang == "zh" else "en")
            assert data["legislationLegalForce"] == force[version]
            assert data["creativeWorkStatus"] == entry["status"]
            assert data["encoding"]["sha256"] == facts["sha256"]
            assert data["encoding"]["contentUrl"] == BASE + facts["text_url"]
            # The download: linked from the page, and its bytes hash to versions.json's SHA-256.
            (href,) = re.findall(r'<a href="([^"]*)" type="text/plain" download>', page)
            opened = normpath(f"{routes.page_url(path) or '.'}/{href}")
            assert prefix + opened == facts["text_url"]
            text = files[f"{lang}/{opened}"]
            assert isinstance(text, str)
            assert hashlib.sha256(text.encode("utf-8")).hexdigest() == facts["sha256"]


@given(title=st.one_of(hostile_text(), markup(), st.just("</script><script>alert(1)</script>")))
def test_any_title_stays_inert_in_the_json_ld(title: str) -> None:
    project = load_project(SITES / "basic")
    document = project.documents[0]
    version = document.versions[0]
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate: no UTF-8 file holds it, so no agreement does
    if not title.strip():
        return  # a text needs a title (the model refuses an empty one)
    texts = {lang: replace(version.texts[lang], title=title) for lang in LANGS}
    hostile = replace(version, texts=texts)
    line = timeline(
        replace(document, versions=(hostile,)), {hostile.id: date(2024, 1, 1)}, date(2024, 6, 1)
    )
    for lang in LANGS:
        html = render.json_ld_html(line.releases[0], line, lang, BASE)
        # One block, which only its own end tag closes; nothing the title holds is markup.
        assert html.count("</") == 1 and html.endswith("</script>")
        assert "<" not in html[len('<script type="application/ld+json">') : -len("</script>")]
        (block,) = SCRIPT.findall(html)
        assert json.loads(block)["name"] == escape.visible(title)


def test_the_built_page_carries_the_json_ld_and_the_text_file(built: Path) -> None:  # noqa: F811
    for prefix in ("", "en/"):
        page = (built / prefix / "user-service-agreement/2024-01-01/index.html").read_text("utf-8")
        (block,) = SCRIPT.findall(page)
        data = json.loads(block)
        assert data["legislationDateVersion"] == "2024-01-01"
        text = built / prefix / "user-service-agreement/2024-01-01"
        name = f"user-service-agreement-2024-01-01-{'zh' if not prefix else 'en'}.txt"
        digest = hashlib.sha256((text / name).read_bytes()).hexdigest()
        assert data["encoding"]["sha256"] == digest
