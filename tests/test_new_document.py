"""``legalsite new-document ID`` (issue 26): a document in both languages with its first version,
which validates at once and which the editor replaces; and the home page of a site with nothing
in force yet, which says when the first document is published and takes effect."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.commands.new_site import new_site
from legalsite.model.characters import printable
from legalsite.model.errors import LegalsiteError
from legalsite.site.plan import generated_files, plan
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import files_digest, load_project
from tests.conftest import examples, run_cli, set_plugin_options
from tests.hostile import hostile_text

TODAY = "2026-12-09"  # a Wednesday


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site as `legalsite new-site` makes it (its example document, terms-of-service)."""
    new_site(tmp_path / "site")
    set_plugin_options(tmp_path / "site", "{pdf: false}")
    return tmp_path / "site"


def test_a_new_document_validates_at_once_with_placeholders_to_replace(site: Path) -> None:
    ran = run_cli(site, "new-document", "privacy-policy", "--today", TODAY)
    # The earliest effective date under the site's rule: published today, effective tomorrow.
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout == (
        "created agreements/privacy-policy/document.yaml\n"
        "created agreements/privacy-policy/2026-12-10/zh.yaml\n"
        "created agreements/privacy-policy/2026-12-10/en.yaml\n"
        "effective date: 2026-12-10\n"
        "publication date: 2026-12-09 (notice rule: 1 working day)\n"
        "note: that is today: merge and publish it today, or give it a later effective date "
        "(a version must be on the site on its publication date)\n"
        "next: replace the placeholder text of both languages, then run legalsite validate\n"
    )
    assert (
        run_cli(site, "validate").stdout == "ok: 2 document(s), 2 version(s), 4 file(s) checked\n"
    )
    folder = site / "agreements" / "privacy-policy"
    assert (
        (folder / "document.yaml").read_text(encoding="utf-8").endswith("notice: 1 working day\n")
    )
    document = load_project(site).document("privacy-policy")
    assert document.notice is not None and str(document.notice) == "1 working day"
    zh, en = (document.versions[0].texts[lang] for lang in ("zh", "en"))
    # Plainly placeholders, in every part an editor replaces.
    assert zh.title.startswith("待填写") and en.title.startswith("To be written")
    for text, mark in ((zh, "待填写"), (en, "To be written")):
        parts = [text.title, *(s.title for s in text.sections)]
        parts += [b.text for b in (*text.preamble, *text.sections[0].blocks) if hasattr(b, "text")]
        assert len(parts) == 4 and all(mark in part for part in parts), parts


def test_the_rule_and_the_date_may_be_given(site: Path) -> None:
    ran = run_cli(
        site, "new-document", "platform-rules", "--notice", "7 days", "--effective", "2026-12-14",
        "--today", "2026-12-01",
    )  # fmt: skip
    assert ran.stdout.splitlines()[-3:-1] == [
        "effective date: 2026-12-14",
        # The latest working day before Monday 12-14 is Friday 12-11: seven days before.
        "publication date: 2026-12-04 (notice rule: 7 days)",
    ]
    assert run_cli(site, "publish-date", "--document", "platform-rules", "2026-12-14").stdout == (
        "2026-12-04\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["terms-of-service"],
            "error: agreements/terms-of-service already exists: new-document never overwrites\n"
            "hint: to change it, start a new version: legalsite new-version terms-of-service "
            "--effective YYYY-MM-DD\n",
        ),
        (
            ["Privacy_Policy"],
            "error: 'Privacy_Policy' is not a document id\n"
            "hint: a document id is lower-case words joined by hyphens, e.g. privacy-policy\n",
        ),
        (
            ["search"],
            "error: 'search' is a name the site itself uses at its root\n"
            "hint: a document id is lower-case words joined by hyphens, e.g. privacy-policy, "
            "and none of assets, en, ledger, search, zh\n",
        ),
        (
            ["privacy-policy", "--effective", "2026-12-09"],
            "error: a version effective 2026-12-09 had to be published on 2026-12-08, which is "
            "already past (today is 2026-12-09)\n"
            "hint: choose an effective date on or after 2026-12-10 (the notice rule: 1 working "
            "day), or pass --backdate to import a historical version\n",
        ),
    ],
)
def test_refusals_write_nothing(site: Path, args: list[str], message: str) -> None:
    before = files_digest(site, below=True)
    ran = run_cli(site, "new-document", *args, "--today", TODAY)
    assert (ran.returncode, ran.stdout, ran.stderr) == (1, "", message)
    assert files_digest(site, below=True) == before


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=st.one_of(hostile_text(), st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)))
def test_any_id_is_a_valid_document_or_refused_untouched(site: Path, name: str) -> None:
    before = files_digest(site / "agreements", below=True)
    try:
        made = commands.new_document(root=site, document=name, today=date(2026, 12, 9))
    except LegalsiteError as exc:
        assert files_digest(site / "agreements", below=True) == before
        # Named printably: a hostile id shows as escapes, never as control characters.
        assert printable(exc.message) == exc.message
        return
    try:
        commands.validate(root=site)
    finally:
        for path in made.files:
            path.unlink()
        made.files[-1].parent.rmdir()
        made.folder.rmdir()


def test_a_home_page_with_nothing_in_force_says_what_takes_effect_when(tmp_path: Path) -> None:
    root = tmp_path / "site"
    new_site(root)
    for path in sorted((root / "agreements" / "terms-of-service").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (root / "agreements" / "terms-of-service").rmdir()
    commands.new_document(
        root=root, document="terms", today=date(2026, 12, 9), effective=date(2026, 12, 28)
    )
    project, calendar = load_project(root), load_calendar(root)
    # Before its publication date (Friday 2026-12-25): nothing of it, but the dates.
    home = generated_files(plan(project, calendar, date(2026, 12, 9)))
    assert home["zh/index.md"] == (
        '---\ntitle: "法律文件"\nlegalsite: {"page": "home"}\n---\n\n# 法律文件\n\n'
        "<p>以下是我们的法律文件。每份文件均可查看现行版本、历史版本及各版本的变更。</p>\n\n"
        "\n<p>目前还没有已发布的文件。</p>\n"
        '<p class="ls-coming">第一份文件将于2026年12月25日发布，自2026年12月28日起生效。</p>\n'
    )
    english = home["en/index.md"]
    assert isinstance(english, str)
    assert english.endswith(
        '<p>No document is published yet.</p>\n<p class="ls-coming">The first document will '
        "be published on December 25, 2026 and take effect on December 28, 2026.</p>\n"
    )
    assert "待填写" not in home["zh/index.md"]
    # Once published, it is listed, with the notice of when it takes effect.
    published = generated_files(plan(project, calendar, date(2026, 12, 25)))["zh/index.md"]
    assert isinstance(published, str)
    assert "待填写：文件标题</a>" in published
    assert "新版本将于2026年12月28日生效。" in published
    assert "目前还没有已发布的文件" not in published
