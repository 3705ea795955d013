"""``legalsite new-site``: a site made from the package alone validates and builds at once."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from legalsite.commands.new_site import (
    change_folder,
    new_site,
    requirement_line,
    skeleton,
)
from legalsite.model.characters import printable
from legalsite.model.errors import LegalsiteError
from legalsite.model.escape import terminal
from tests import hostile
from tests.conftest import ROOT, examples, set_plugin_options
from tests.conftest import run_process as run_cli
from tests.packaging import built_wheel
from tests.test_workflows import actionlint, load, load_text, zizmor

MADE = [
    "CALENDAR.md",
    "CONTRIBUTING.md",
    "README.md",
    "agreements/terms-of-service/2024-01-01/en.yaml",
    "agreements/terms-of-service/2024-01-01/zh.yaml",
    ".github/workflows/publish.yml",
    ".github/workflows/pull-request.yml",
    ".gitignore",
    "mkdocs.yml",
    "requirements.txt",
]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The package as a wheel installs it (not this repository's folder): the environment
    that makes ``python -m legalsite`` import it from there. The wheel is the release's
    (tests/packaging.py), shared with tests/test_release.py."""
    wheel = built_wheel()
    target = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import legalsite; print(legalsite.__file__)"],
        cwd=target, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert Path(where.strip()).is_relative_to(target)
    return env


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.com", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.build
def test_a_new_sites_pull_request_check_writes_the_redline(
    tmp_path: Path, installed: dict[str, str]
) -> None:
    """The check a new site's pull-request workflow runs (`legalsite check`) shows the editor
    the redline of the version they add, with only the package installed."""
    assert run_cli(tmp_path, "new-site", "legal", env=installed).returncode == 0
    site = tmp_path / "legal"
    # The redline is the point here: the build step makes no PDFs (the new site's PDFs, with
    # only the package installed, are made by the test above).
    set_plugin_options(site, "{pdf: false}")
    _git(site, "init", "-q", "-b", "main")
    _git(site, "add", "-A")
    _git(site, "commit", "-qm", "new site")
    made = run_cli(
        site, "new-version", "terms-of-service", "--effective", "2025-07-01",
        "--today", "2025-06-01", env=installed,
    )  # fmt: skip
    assert (made.returncode, made.stderr) == (0, "")
    new = site / "agreements/terms-of-service/2025-07-01"
    for lang, old, changed in (("zh", "。", "(已修订)。"), ("en", ".", " (revised).")):
        path = new / f"{lang}.yaml"
        text = path.read_text(encoding="utf-8")
        line = next(n for n in text.splitlines() if "text:" in n and n.rstrip().endswith(old))
        path.write_text(text.replace(line, line.rstrip()[: -len(old)] + changed, 1), "utf-8")
    meta = new / "meta.yaml"
    meta.write_text(
        "summary:\n  zh: 修订一处条款。\n  en: One clause revised.\nkind: editorial\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    env = {**installed, "GITHUB_STEP_SUMMARY": str(summary)}
    checked = run_cli(site, "check", "--base", "main", "--today", "2025-06-01", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.endswith("legalsite check: all steps passed\n")
    written = summary.read_text(encoding="utf-8")
    assert "## `terms-of-service/2025-07-01`: new version, published on 2025-06-30" in written
    assert "(已修订)" in written and "(revised)" in written
    assert "<ins>" in written


@pytest.mark.parametrize("occupied", ["file", "folder"])
def test_new_site_never_writes_into_a_folder_with_files(tmp_path: Path, occupied: str) -> None:
    target = tmp_path / "legal"
    if occupied == "file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli(tmp_path, "new-site", "legal")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: legal is not an empty folder\n"
        "hint: choose a new or empty folder: new-site never writes into one with files\n"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == (
        ["legal"] if occupied == "file" else ["legal", "notes.txt"]
    )


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "legal").mkdir()
    result = run_cli(tmp_path, "new-site", "legal")
    assert (result.returncode, result.stderr) == (0, "")


def _config(path: Path) -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor(
        "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: f"python/name:{suffix}"
    )

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    assert isinstance(data, dict)
    return data


SITE_SPECIFIC = ("site_name", "site_url", "site_description")


def _without_site_names(config: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in config.items() if k not in SITE_SPECIFIC}
    for plugin in out["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                for key in SITE_SPECIFIC:
                    language.pop(key, None)
    return out


def test_the_new_sites_config_is_this_repositorys_but_for_the_names(tmp_path: Path) -> None:
    """One configuration of the stack: a new site gets what this repository's site uses."""
    new = tmp_path / "mkdocs.yml"
    new.write_bytes(skeleton()["mkdocs.yml"])
    assert _without_site_names(_config(new)) == _without_site_names(_config(ROOT / "mkdocs.yml"))


def test_the_new_sites_workflows_pass_the_linters_and_run_only_legalsite(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for name, data in skeleton().items():
        if name.startswith(".github/workflows/"):
            (tmp_path / name).write_bytes(data)
    paths = sorted(folder.iterdir())
    assert [p.name for p in paths] == ["publish.yml", "pull-request.yml"]
    result = actionlint(*paths, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    # As this repository's: every audit (tests/test_workflows.py also holds them to its policy).
    result = zizmor("--persona", "pedantic", "--format", "json", str(folder))
    if result.stdout.strip() != "[]":  # show the findings as zizmor explains them
        result = zizmor("--persona", "pedantic", str(folder))
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "[]", "")
    runs = {
        path.name: [
            s["run"] for job in load(path)["jobs"].values() for s in job["steps"] if "run" in s
        ]
        for path in paths
    }
    apt = (
        "sudo apt-get update -qq\n"
        "sudo apt-get install -y -qq --no-install-recommends " + " ".join(pdf_packages()) + "\n"
    )
    note = runs["publish.yml"][-2]  # the provenance note; the keepalive job comes after
    assert runs == {
        "publish.yml": [
            apt,
            "python -m pip install -r requirements.txt",
            "legalsite build --previous site_url",
            "legalsite build",
            note,
            'gh api --method PUT "repos/${GITHUB_REPOSITORY}/actions/workflows/publish.yml/enable"',
        ],
        "pull-request.yml": [
            apt,
            "python -m pip install -r requirements.txt",
            'legalsite check --base "origin/${BASE_REF}"',
        ],
    }
    assert note.startswith("{\n") and note.endswith('} >> "$GITHUB_STEP_SUMMARY"\n')
    # Same pinned actions as this repository's own workflows.
    ours = {
        line.strip().removeprefix("- ")
        for p in (ROOT / ".github/workflows").glob("*.yml")
        for line in p.read_text(encoding="utf-8").splitlines()
        if "uses:" in line
    }
    theirs = {
        line.strip().removeprefix("- ")
        for p in paths
        for line in p.read_text(encoding="utf-8").splitlines()
        if "uses:" in line
    }
    assert theirs <= ours


def pdf_packages() -> list[str]:
    """The Debian packages scripts/dev.py installs for the PDFs (its PDF_PACKAGES)."""
    dev = (ROOT / "scripts/dev.py").read_text(encoding="utf-8")
    found = re.search(r"^PDF_PACKAGES = \(([^)]*)\)", dev, re.MULTILINE)
    assert found
    return re.findall(r'"([^"]+)"', found[1])


def test_the_new_sites_publication_never_waits_on_the_attestation() -> None:
    """Artifact attestations exist in public repositories and on GitHub Enterprise Cloud only:
    elsewhere the step fails without failing the job, the next one says so in the job
    summary, and the deploy job (which needs only the build job) runs all the same."""
    workflow = load_text(skeleton()[".github/workflows/publish.yml"].decode())
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {
        "contents": "read",
        "id-token": "write",
        "attestations": "write",
    }
    assert deploy["needs"] == "build"
    uses = [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-pages-artifact",
        "actions/attest-build-provenance",
    ]
    attest, note = build["steps"][-2:]
    assert attest["id"] == "attest" and attest["continue-on-error"] is True
    assert attest["with"]["subject-path"].splitlines() == [
        "${{ runner.temp }}/artifact.tar",
        "site/versions.json",
        "site/**/*.pdf",
    ]
    assert note["if"] == "${{ steps.attest.outcome == 'failure' }}"
    assert "continue-on-error" not in note
    assert "### The site's provenance was not attested" in note["run"]
    # Only the attestation may fail without failing the job.
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert step.get("continue-on-error", False) is (step is attest)


def test_requirements_name_where_legalsite_comes_from(tmp_path: Path) -> None:
    spec = "legalsite @ git+https://github.com/example/legalsite@v0.1.0"
    result = run_cli(tmp_path, "new-site", "legal", "--requirement", spec)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "legal/requirements.txt").read_text(encoding="utf-8") == (
        "# Where this site's legalsite comes from (python3 -m pip install -r requirements.txt):\n"
        "# a version on your package index, or a git URL pinned to a tag or commit.\n"
        f"{spec}\n"
    )


_REQUIREMENT_HINT = (
    "name where legalsite is installed from, e.g. "
    "'legalsite @ git+https://github.com/ORG/legalsite@v0.1.0'"
)


def _pip_reason(spec: str) -> str | None:
    """Why pip's parser (packaging) refuses ``spec`` as one requirement, or None."""
    try:
        Requirement(spec.strip())
    except InvalidRequirement as exc:
        return str(exc).splitlines()[0]
    return None


@settings(max_examples=examples(60))
@given(
    st.one_of(
        st.sampled_from(["", "  ", "-r /etc/passwd", "--index-url=http://x", "# x"]),
        st.builds(lambda a, b: f"legalsite{a}{b}", hostile.invisible(), st.text(max_size=5)),
    ).filter(lambda s: not s.strip() or not s.isprintable() or s.lstrip()[:1] in "-#")
)
def test_a_requirement_that_is_not_one_line_is_refused_before_writing(spec: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "legal"
        with pytest.raises(LegalsiteError) as caught:
            new_site(target, requirement=spec)
        expected = f"'{printable(spec)}' is not a requirement line"
        if spec.strip() and spec.isprintable():  # an option or a comment: pip's parser says why
            expected += f": {_pip_reason(spec)}"
        assert caught.value.message == expected
        assert caught.value.hint == _REQUIREMENT_HINT
        assert not target.exists()


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        ("legalsite; rm -rf /", "Expected a marker variable or quoted string"),
        ("legalsite \\", "Expected semicolon (after name with no version specifier) or end"),
        (
            "legalsite==0.1.0 \\",
            "Expected comma (within version specifier), semicolon (after version specifier) or end",
        ),
        ("legalsite && curl x", "Expected semicolon (after name with no version specifier) or end"),
        ("legalsite @ file:///a b", "Expected semicolon (after URL and whitespace) or end"),
        ("other-package==1.0", "it installs 'other-package', not legalsite"),
    ],
)
def test_a_line_pip_refuses_is_refused_with_why(spec: str, why: str) -> None:
    with pytest.raises(LegalsiteError) as caught:
        skeleton(spec)
    assert str(caught.value) == (
        f"'{spec}' is not a requirement line: {why}\nhint: {_REQUIREMENT_HINT}"
    )


_REQUIREMENT_PIECES = st.sampled_from(
    [
        "legalsite",
        "Legal_Site",
        "other",
        " ",
        "==",
        ">=",
        "0.1.0",
        "[pdf]",
        ";",
        "@",
        " git+https://github.com/o/legalsite@v1",
        'python_version>"3"',
        "\\",
        "#",
        "-r",
        "&&",
        "rm -rf /",
        "|",
        "`",
        "$(x)",
        ",",
        "<2",
        "~=1.0",
        "*",
        "'",
        '"',
        "\t",
    ]
)


@settings(max_examples=examples(500))
@given(st.lists(_REQUIREMENT_PIECES, max_size=6).map("".join))
def test_exactly_what_pip_reads_as_one_requirement_of_legalsite_is_written(spec: str) -> None:
    """The rule is pip's parser: a line is accepted when packaging parses it as a requirement
    of legalsite (printable, one line), and then written as given, stripped."""
    accepted = (
        bool(spec.strip())
        and spec.isprintable()
        and _pip_reason(spec) is None
        and canonicalize_name(Requirement(spec.strip()).name) == "legalsite"
    )
    if accepted:
        assert requirement_line(spec) == spec.strip()
        return
    with pytest.raises(LegalsiteError) as caught:
        requirement_line(spec)
    assert caught.value.message.startswith(f"'{printable(spec)}' is not a requirement line")
    assert caught.value.hint == _REQUIREMENT_HINT


def test_the_new_sites_readme_works_from_a_plain_shell_on_a_clean_machine() -> None:
    """A newcomer follows the generated README on a machine with nothing but Python: its
    commands make and activate an environment before the first ``legalsite`` (a plain shell
    has none on its PATH, and Debian refuses ``pip install`` outside one), it names the PDFs'
    Debian packages as the workflows install them, and warns that GitHub stops the daily
    publication of a quiet public repository."""
    readme = skeleton()["README.md"].decode("utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    assert commands[:3] == [
        "python3 -m venv .venv",
        ". .venv/bin/activate",
        "python3 -m pip install -r requirements.txt",
    ]
    assert all(command.startswith("legalsite ") for command in commands[3:])
    flat = " ".join(readme.split())
    assert "`python3 -m pip install --find-links DIR -r requirements.txt`" in flat
    assert (
        "`sudo apt-get install --no-install-recommends " + " ".join(pdf_packages()) + "`"
    ) in flat
    assert "after 60 days without activity in the repository" in flat
    # The walk of a newcomer: the site is a git repository, checked against main before it
    # has a remote; the example goes before the first commit, when git rm/git mv refuse it
    # (no file is known to git yet); a first version effective later is previewed then.
    assert "(`git init -b main` in this folder, then commit)" in flat
    assert "`legalsite check --base main`" in flat
    assert "(`rm -r agreements/terms-of-service`)" in flat
    assert "git rm" not in flat and "git mv" not in flat
    assert "`legalsite serve --today YYYY-MM-DD` (that date)" in flat
    assert "`gh workflow enable publish.yml`" in flat


def test_the_new_sites_chinese_guide_uses_chinese_punctuation() -> None:
    """The editors' guide in Chinese is read by legal editors: its prose, and the summary its
    example asks them to copy, use full-width ，：；（） as Chinese text does. Code spans,
    addresses (<http://...>), the YAML keys and times (00:07) keep their ASCII marks."""
    guide = skeleton()["CONTRIBUTING.md"].decode("utf-8")
    chinese = guide[guide.index("## 中文\n") : guide.index("## English\n")]
    prose = re.sub(r"`[^`\n]*`|<[^>\n]*>", "", chinese)
    prose = re.sub(r"^\s*en: .*$", "", prose, flags=re.MULTILINE)  # the example's English
    prose = re.sub(r"^\s*[a-z_]+:(?= |$)", "", prose, flags=re.MULTILINE)  # YAML keys
    half = re.findall(r".{0,8}(?<!\d)[,:](?!\d).{0,8}|.{0,8}[;()].{0,8}", prose)
    assert half == []
    assert "中文在前，English below." in guide


def test_new_site_says_what_it_made_and_what_to_do_next(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "new-site", "our site", "--requirement", "legalsite==1.2.3")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "".join(f"created our site/{name}\n" for name in MADE) + (
        "next (README.md in the new folder says more):\n"
        "  cd 'our site'\n"
        "  git init -b main\n"
        "  python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -r"
        " requirements.txt\n"
        "  replace the example document before the first push (README.md: Making it yours;"
        " legalsite import brings a document you have in Word, Markdown or text)\n"
        "  legalsite validate && legalsite serve\n"
        '  git add -A && git commit -m "Our legal documents"  (the first commit on main: '
        "legalsite check compares each change with it)\n"
    )


FOLDER_NAMES = ["-x", "-", "--help", "a b", "it's", '"$(id)"', "`id`;x", "中文 站点", "~x", "a\\b"]


def test_the_printed_cd_line_enters_the_new_folder_when_pasted(tmp_path: Path) -> None:
    # `cd -x` is an option to cd, `cd -` goes back to the last folder: neither entered the site.
    for name in FOLDER_NAMES:
        (tmp_path / name).mkdir()
        line = change_folder(Path(name))
        assert terminal(line) == line
        pasted = subprocess.run(
            ["sh", "-c", f"{line} && pwd"], cwd=tmp_path, capture_output=True, text=True
        )
        assert (pasted.stdout, pasted.stderr) == (f"{tmp_path / name}\n", "")


@settings(max_examples=examples(200))
@given(st.one_of(st.text(min_size=1), hostile.invisible(), st.sampled_from(FOLDER_NAMES)))
def test_the_cd_line_names_the_folder_or_says_it_in_words(name: str) -> None:
    target = Path(name.replace("\0", "x"))
    line = change_folder(target)
    assert terminal(line) == line  # printed as it is: what is pasted is what was printed
    if terminal(target.as_posix()) != target.as_posix():
        assert line == "enter the new folder (its name holds characters shown escaped above)"
    else:
        words = shlex.split(line)
        assert len(words) == 2 and words[0] == "cd" and not words[1].startswith("-")
        assert Path(words[1]) == target


def test_new_site_into_a_folder_named_like_an_option(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "new-site", "--requirement", "legalsite==1.2.3", "--", "-x")
    assert (result.returncode, result.stderr) == (0, "")
    assert "\n  cd ./-x\n" in result.stdout
    result = run_cli(tmp_path, "new-site", "--requirement", "legalsite==1.2.3", "a\x1b[2Jb")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("created a\\x1b[2Jb/")
    assert (
        "\n  enter the new folder (its name holds characters shown escaped above)\n"
        in result.stdout
    )
