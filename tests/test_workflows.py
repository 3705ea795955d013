"""The GitHub Actions workflows and legalsite/commands/pr_check.py, the check the pull-request workflow runs.

The workflows are linted offline (actionlint with shellcheck, zizmor without network or token),
held to the repository's policy (no permissions by default, actions pinned to commit SHAs, no
credentials left in the checkout, no expressions inside shell scripts, no caches when
publishing), and may only run ``python3 scripts/dev.py`` commands, so whatever fails in CI fails
the same way on an editor's machine. `legalsite check` runs against real temporary git repositories.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from legalsite.cli import main, make_parser
from legalsite.commands import pr_check
from legalsite.commands.new_site import skeleton
from legalsite.model.escape import gfm_code, is_hidden
from legalsite.sources.changed_versions import FileChange, Status, VersionChange, VersionFolder
from tests.conftest import ROOT, SITES, Ran, assemble, run_cli

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
RELEASE = WORKFLOWS / "release.yml"
SCRIPTS = ROOT / "scripts"
NEW_SITE = "new-site/"
"""The workflows `legalsite new-site` writes, named with this prefix: held to the same rules."""


def generated_texts() -> dict[str, str]:
    """The new site's workflows, by NEW_SITE + file name."""
    return {
        NEW_SITE + name.rsplit("/", 1)[1]: data.decode()
        for name, data in skeleton().items()
        if name.startswith(".github/workflows/")
    }


def every_workflow_text() -> dict[str, str]:
    """This repository's workflows and the new site's, by name."""
    ours = {path.name: path.read_text(encoding="utf-8") for path in workflow_files()}
    return {**ours, **generated_texts()}


# -- Linters ---------------------------------------------------------------------------------


def tool(name: str) -> str:
    """A linter installed with the test dependencies: next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is missing: it comes with the test dependencies (requirements.lock)"
    return found


def offline_env() -> dict[str, str]:
    """The environment without any GitHub token, with the linters' folder first on PATH."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN", "ZIZMOR_CONFIG"}
    }
    env["PATH"] = os.pathsep.join([str(Path(tool("shellcheck")).parent), env.get("PATH", "")])
    env["NO_COLOR"] = "1"
    return env


def actionlint(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            tool("actionlint"),
            "-no-color",
            "-shellcheck",
            tool("shellcheck"),
            *(str(p) for p in paths),
        ],
        cwd=cwd,
        env=offline_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def test_the_three_workflows_exist() -> None:
    assert [p.name for p in workflow_files()] == ["publish.yml", "pull-request.yml", "release.yml"]
    assert sorted(generated_texts()) == [NEW_SITE + "publish.yml", NEW_SITE + "pull-request.yml"]


def test_actionlint_with_shellcheck_finds_nothing() -> None:
    result = actionlint(*workflow_files())
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_really_runs_shellcheck(tmp_path: Path) -> None:
    """Without shellcheck actionlint skips the shell checks silently: prove they run."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    bad = folder / "bad.yml"
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: ls $HOME/*.txt\n",
        encoding="utf-8",
    )
    result = actionlint(bad, cwd=tmp_path)
    assert result.returncode == 1
    assert "shellcheck reported issue in this script: SC2086:info:1:4" in result.stdout


def zizmor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--color", "never", "-q", *args],
        cwd=ROOT,
        env=offline_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_zizmor_offline_finds_nothing() -> None:
    """With the pedantic persona, so that every audit runs: unpinned-images reports an image
    pinned by tag only there."""
    result = zizmor("--persona", "pedantic", "--format", "json", str(WORKFLOWS))
    if result.stdout.strip() != "[]":  # show the findings as zizmor explains them
        result = zizmor("--persona", "pedantic", str(WORKFLOWS))
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "[]", "")


def test_zizmor_audits_offline() -> None:
    """zizmor works here: it reports a deliberately bad workflow, with no network or token."""
    bad = (
        "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--color", "never", "-q", "-"],
        input=bad,
        env=offline_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert f"[{audit}]" in result.stdout


@pytest.mark.parametrize("image", ["python:3.11-bookworm", "python", "python:latest"])
def test_zizmor_reports_an_image_not_pinned_by_digest(image: str) -> None:
    workflow = (
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        f"    container:\n      image: {image}\n    steps:\n      - run: 'true'\n"
    )
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--color", "never", "-q", "-p", "-"],
        input=workflow,
        env=offline_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "[unpinned-images]" in result.stdout


def test_every_container_image_is_pinned_by_digest_with_its_tag() -> None:
    """zizmor accepts any ``@sha256:`` suffix: the digest must be a whole one, and the comment
    keeps the tag it was taken from."""
    pinned = re.compile(r"^ +image: ([a-z0-9./-]+):([\w.-]+)@sha256:[0-9a-f]{64}  # \2$")
    images = [
        line
        for path in workflow_files()
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^ +image:", line)
    ]
    assert images
    for line in images:
        assert pinned.match(line), line


# -- Policy ----------------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    return load_text(path.read_text(encoding="utf-8"))


def load_text(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


@pytest.fixture(
    params=[
        "pull-request.yml",
        "publish.yml",
        "release.yml",
        NEW_SITE + "pull-request.yml",
        NEW_SITE + "publish.yml",
    ]
)
def workflow(request: pytest.FixtureRequest) -> dict[str, Any]:
    return load_text(every_workflow_text()[str(request.param)])


def test_no_permissions_by_default_and_each_job_says_what_it_needs(
    workflow: dict[str, Any],
) -> None:
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert job["permissions"], "every job lists the permissions it needs"
        assert "write-all" not in str(job["permissions"])


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    pinned = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40} # v\d+\.\d+\.\d+)$")
    versions: dict[str, set[str]] = {}
    for name, text in every_workflow_text().items():
        lines = [line for line in text.splitlines() if "uses:" in line]
        assert lines
        for line in lines:
            match = pinned.match(line)
            assert match, f"{name}: {line.strip()}"
            versions.setdefault(match[1], set()).add(match[2])
    # One version of each action across the workflows, the new site's included.
    assert all(len(refs) == 1 for refs in versions.values()), versions


def test_checkouts_keep_no_credentials(workflow: dict[str, Any]) -> None:
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


def test_no_expression_inside_a_shell_script(workflow: dict[str, Any]) -> None:
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs
    for script in runs:
        assert "${{" not in script, script


def test_no_event_payload_in_expressions() -> None:
    """Titles, branch names and the like come from whoever opens the pull request."""
    for text in every_workflow_text().values():
        assert "github.event" not in text


def test_no_pull_request_target_anywhere() -> None:
    for text in every_workflow_text().values():
        assert "pull_request_target" not in text
        assert "pull_request_target" not in load_text(text)["on"]


def test_pull_request_workflow() -> None:
    workflow = load(PULL_REQUEST)
    assert workflow["on"] == {"pull_request": {"branches": ["main"]}}
    assert workflow["concurrency"] == {
        "group": "${{ github.workflow }}-${{ github.ref }}",
        "cancel-in-progress": True,
    }
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    # Debian 12 and Python 3.11 as on the editors' machines; root, so that scripts/dev.py test
    # installs Debian's chromium; git trusts the work tree in the container.
    assert job["container"] == {
        "image": "python:3.11-bookworm@sha256:"
        "35d3a4a3d5e42e02ab916d44513a050689f12c0533d45598d229672503fe77ca"
    }
    assert job["env"] == {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "safe.directory",
        "GIT_CONFIG_VALUE_0": "*",
    }
    checkout = job["steps"][0]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    check = next(s for s in job["steps"] if s.get("id") == "check")
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"] == "site/"
    assert "steps.check.outcome == 'success'" in upload["if"]


def test_publish_workflow() -> None:
    workflow = load(PUBLISH)
    triggers = workflow["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers
    # Daily just after 00:00 in Asia/Shanghai (UTC+8), then a second chance the same morning;
    # never on minute 0, when GitHub is busiest.
    assert triggers["schedule"] == [{"cron": "7 16 * * *"}, {"cron": "37 18 * * *"}]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # Signing the provenance attestation needs the OIDC token and the attestations API, in the
    # job that attests only.
    assert build["permissions"] == {
        "contents": "read",
        "id-token": "write",
        "attestations": "write",
    }
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    uses = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-pages-artifact",
        "actions/attest-build-provenance",
        "actions/deploy-pages",
    ]
    attest = build["steps"][-1]
    assert attest["uses"].startswith("actions/attest-build-provenance@")
    # The artifact upload-pages-artifact made and uploaded, and the files readers download.
    assert attest["with"]["subject-path"].splitlines() == [
        "${{ runner.temp }}/artifact.tar",
        "site/versions.json",
        "site/**/*.pdf",
    ]
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-py"))
    assert setup["with"] == {"python-version": "3.11"}
    # Built against the site as published (its ledger), except for a first publication, which
    # only a person asks for (issue 22).
    assert triggers["workflow_dispatch"]["inputs"]["first-publication"]["type"] == "boolean"
    assert triggers["workflow_dispatch"]["inputs"]["first-publication"]["default"] is False
    builds = [s for s in build["steps"] if "run" in s]
    assert [(s["if"], s["run"]) for s in builds] == [
        ("${{ !inputs.first-publication }}", "python3 scripts/dev.py build --previous site_url"),
        ("${{ inputs.first-publication }}", "python3 scripts/dev.py build"),
    ]
    # The schedule kept alive with the least permission that does it.
    keepalive = workflow["jobs"]["keepalive"]
    assert keepalive["permissions"] == {"actions": "write"}
    assert keepalive["steps"] == [
        {
            "name": "Enable this workflow again",
            "env": {"GH_TOKEN": "${{ github.token }}"},
            "run": KEEPALIVE,
        }
    ]
    assert set(workflow["jobs"]) == {"build", "keepalive", "deploy"}


def test_release_workflow() -> None:
    """A tag vX.Y.Z builds and checks the sdist and the wheel with the locked tools, and a
    second job, the only one with the OIDC token, publishes them by trusted publishing in the
    "release" environment: no stored token or password anywhere."""
    workflow = load(RELEASE)
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["concurrency"] == {
        "group": "${{ github.workflow }}-${{ github.ref }}",
        "cancel-in-progress": False,
    }
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"}
    assert "environment" not in build
    checkout = build["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    # setuptools-scm reads the version from the tag: the whole history with its tags.
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    upload = build["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["name"] == "dist" and upload["with"]["path"] == "dist/"
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"] == {"name": "release"}
    download, upload_to_index = publish["steps"]
    assert download["uses"].startswith("actions/download-artifact@")
    assert download["with"] == {"name": "dist", "path": "dist/"}
    assert upload_to_index["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "with" not in upload_to_index  # dist/, the default index, the OIDC token
    text = RELEASE.read_text(encoding="utf-8")
    assert "secrets." not in text and "password" not in text


def test_nothing_is_cached_when_publishing() -> None:
    for text in (
        PUBLISH.read_text(encoding="utf-8"),
        RELEASE.read_text(encoding="utf-8"),
        generated_texts()[NEW_SITE + "publish.yml"],
    ):
        assert "actions/cache" not in text
        for step in steps(load_text(text)):
            assert not any("cache" in key for key in step.get("with", {})), step


# -- Local parity ----------------------------------------------------------------------------

PARITY = {
    "pull-request.yml": [
        "python3 scripts/dev.py test",
        'python3 scripts/dev.py check --base "origin/${BASE_REF}"',
        "python3 scripts/dev.py properdocs",
    ],
    "publish.yml": [
        "python3 scripts/dev.py build --previous site_url",
        "python3 scripts/dev.py build",
    ],
    "release.yml": ['python3 scripts/dev.py dist --tag "${GITHUB_REF_NAME}"'],
}
KEEPALIVE = 'gh api --method PUT "repos/${GITHUB_REPOSITORY}/actions/workflows/publish.yml/enable"'
"""The one shell step that is not a scripts/dev.py command: it talks to GitHub, not the site."""


def test_workflows_run_only_the_commands_editors_run() -> None:
    """Every shell step is a scripts/dev.py command, so a step that breaks in CI breaks the
    same way on an editor's machine (README: Quick start, Checking a change locally)."""
    for name, expected in PARITY.items():
        runs = [s["run"].strip() for s in steps(load(WORKFLOWS / name)) if "run" in s]
        assert [run for run in runs if run != KEEPALIVE] == expected


def test_the_parity_commands_exist() -> None:
    dev = (SCRIPTS / "dev.py").read_text(encoding="utf-8")
    assert '{"build", "test", "check", "lock", "dist", "properdocs"}' in dev
    assert 'run(BIN / "legalsite", "check", *rest)' in dev
    args = make_parser().parse_args(["check"])
    assert (args.base, args.today, args.site_dir) == ("origin/main", None, None)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in ("python3 scripts/dev.py build", "python3 scripts/dev.py check"):
        assert command in readme and command in contributing


CHECK_USAGE = (
    "usage: legalsite check [-h] [--base REF] [--today YYYY-MM-DD] [--site-dir DIR]\n"
    "                       [--allow-backdated]\n"
)
# argparse reports an argument no subcommand takes from the top-level parser.
TOP_USAGE = "usage: legalsite [-h] [--version] [--debug] COMMAND ...\n"


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--today", "\x1b[2J"], CHECK_USAGE + "legalsite check: error: argument --today: "
         "'\\x1b[2J' is not a date: write YYYY-MM-DD\n"),
        # The same date rule as every legalsite command: exactly YYYY-MM-DD.
        (["--today", "20240301"], CHECK_USAGE + "legalsite check: error: argument --today: "
         "'20240301' is not a date: write YYYY-MM-DD\n"),
        (["--today", "2024-W09-5"], CHECK_USAGE + "legalsite check: error: argument --today: "
         "'2024-W09-5' is not a date: write YYYY-MM-DD\n"),
        (["\x1b]0;pwned\x07\n::error::forged"], TOP_USAGE + "legalsite: error: unrecognized "
         "arguments: \\x1b]0;pwned\\x07\\n::error::forged\n"),
    ],
)  # fmt: skip
def test_check_parser_errors_are_escaped(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: str
) -> None:
    with pytest.raises(SystemExit) as info:
        make_parser().parse_args(["check", *argv])
    assert info.value.code == 2
    assert capsys.readouterr().err == shown


# -- legalsite check on real git repositories ----------------------------------------------

VERSIONS = SITES / "versions" / "agreements" / "user-service-agreement"
FIRST, SECOND = "2024-01-01", "2025-03-03"
DOC = "agreements/user-service-agreement"
# The day before 2025-03-03's publication (Friday 2025-02-28): 2024-01-01 is published (frozen).
TODAY = "2025-02-20"


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A project whose main branch holds only the first version; returns it and that commit."""
    root = assemble(tmp_path / "repo", SITES / "versions" / "agreements")
    shutil.rmtree(root / DOC / SECOND)
    (root / ".gitignore").write_text("site/\ndocs/zh/\ndocs/en/\ndocs/versions.json\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first version")
    return root, git(root, "rev-parse", "HEAD")


def add_second_version(root: Path) -> None:
    shutil.copytree(VERSIONS / SECOND, root / DOC / SECOND)


def run_pr_check(
    root: Path, tmp_path: Path, *args: str, process: bool = False
) -> tuple[Ran | subprocess.CompletedProcess[str], str]:
    """``legalsite check ARGS`` in ``root`` with ``$GITHUB_STEP_SUMMARY`` set, as on GitHub
    Actions; in this process, or with ``process`` in one of its own (``python -m``)."""
    summary = tmp_path / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result: Ran | subprocess.CompletedProcess[str]
    if process:
        result = subprocess.run(
            [sys.executable, "-m", "legalsite", "check", *args],
            cwd=root,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
        )
    else:
        with mock.patch.dict(os.environ, env):
            result = run_cli(root, "check", *args)
    return result, summary.read_text(encoding="utf-8")


def cli(root: Path, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "legalsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.build
def test_check_writes_the_redline_of_a_new_version(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, base = repo
    add_second_version(root)
    result, summary = run_pr_check(root, tmp_path, "--base", base, "--today", TODAY, process=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("== step")] == [
        "== step 1/4: validate: legalsite validate",
        f"== step 2/4: check-frozen: legalsite check-frozen --base={base} --today {TODAY}",
        "== step 3/4: build: legalsite build --today 2025-03-03",
        "== step 4/4: redline: legalsite diff of each new or changed version",
    ]
    assert "(building for 2025-03-03, the day the last new or changed version takes effect)" in (
        result.stdout.splitlines()
    )
    assert result.stdout.endswith("legalsite check: all steps passed\n")
    assert (root / "site" / "versions.json").is_file()

    lines = summary.splitlines()
    for line in [
        f"# Redline against `{base}`",
        "## `user-service-agreement/2025-03-03`: new version, published on 2025-02-28 (notice rule: 1 working day)",
        "The editors' summary (editorial):",
        "- 中文: 明确&quot;服务&quot;指软件产品和技术服务。",
        "- English: Makes clear that the Services are software products and technical services.",
        "Compared with the version before it, `2024-01-01`.",
        "### 用户服务协议 · 2024-01-01 → 2025-03-03 · 中文",
        "共1处变更：修改1处，新增0处，删除0处，移动0处。",
        "- **一、定义** · 修改 列表项 第一条第1项: 服务:脉邦数字科技向您提供的<ins>软件</ins>产品及<ins>技术</ins>服务。",
        "### User Service Agreement · 2024-01-01 → 2025-03-03 · English",
        "Changes: 1 (1 changed, 0 added, 0 removed, 0 moved).",
        "- **I. Definitions** · Changed list item Section I(1): Services: <ins>software </ins>products and<ins> technical</ins> services provided by MaiBang Digital Technology to you.",
        "The site was built for 2025-03-03: it shows every version published by that day.",
    ]:
        assert line in lines, line
    # Exactly what `legalsite diff --format markdown` prints, in both languages.
    for lang in ("zh", "en"):
        args = ["diff", "user-service-agreement", FIRST, SECOND, "--lang", lang]
        assert cli(root, *args, "--format", "markdown") in summary


def test_changing_a_published_version_fails_naming_the_file(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    root, base = repo
    add_second_version(root)
    english = root / DOC / FIRST / "en.yaml"
    text = english.read_text(encoding="utf-8")
    assert 'This "User Service Agreement"' in text
    english.write_text(
        text.replace('This "User Service Agreement"', 'The "User Service Agreement"')
    )
    # The same words in the new version, so that the two versions' English still agree (else
    # validate would stop first, on a translation that changed in one language only).
    later = root / DOC / SECOND / "en.yaml"
    later.write_text(
        later.read_text(encoding="utf-8").replace(
            'This "User Service Agreement"', 'The "User Service Agreement"'
        )
    )
    result, summary = run_pr_check(root, tmp_path, "--base", base, "--today", TODAY)
    assert result.returncode == 1
    error = f"error: {DOC}/{FIRST}/en.yaml: changed, but this version was published on 2023-12-29"
    hint = (
        f"    hint: published text never changes: restore it with `git checkout {base} -- "
        f"{DOC}/{FIRST}/en.yaml` and make the change in a new version (legalsite new-version)"
    )
    output = result.stdout.splitlines()
    assert error in output and hint in output
    assert output[-3:] == [
        "legalsite check: step 2/4 (check-frozen) failed with exit code 1",
        "",
        "(summary written to $GITHUB_STEP_SUMMARY)",
    ]
    assert "== step 3/4" not in result.stdout and not (root / "site").exists()
    assert summary.splitlines()[0] == (
        f"# `legalsite check-frozen --base={base} --today {TODAY}` failed"
    )
    assert error in summary.splitlines() and hint in summary.splitlines()


def test_an_invalid_file_stops_at_validate(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, base = repo
    add_second_version(root)
    chinese = root / DOC / SECOND / "zh.yaml"
    chinese.write_text(chinese.read_text(encoding="utf-8").replace("    title: 定义\n", ""))
    result, summary = run_pr_check(root, tmp_path, "--base", base, "--today", TODAY)
    assert result.returncode == 1
    assert "legalsite check: step 1/4 (validate) failed with exit code 1" in result.stdout
    assert "== step 2/4" not in result.stdout
    assert summary.startswith("# `legalsite validate` failed\n")
    assert f"{DOC}/{SECOND}/zh.yaml:" in summary


def test_an_unknown_base_is_named(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = repo
    result, _summary = run_pr_check(root, tmp_path, "--base", "origin/nowhere")
    assert result.returncode == 1
    assert "error: 'origin/nowhere' is not a commit of this git repository" in result.stdout
    assert "legalsite check: step 2/4 (check-frozen) failed with exit code 1" in result.stdout


def test_a_base_that_looks_like_an_option_stays_a_value(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    root, _ = repo
    result, summary = run_pr_check(root, tmp_path, "--base=-h", "--today", TODAY)
    assert result.returncode == 1
    assert "== step 2/4: check-frozen: legalsite check-frozen --base=-h --today 2025-02-20" in (
        result.stdout.splitlines()
    )
    assert "error: '-h' is not a commit of this git repository" in result.stdout.splitlines()
    assert summary.startswith("# `legalsite check-frozen --base=-h --today 2025-02-20` failed\n")


def test_a_base_that_is_no_ref_is_refused_before_any_step(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    root, _ = repo
    result, summary = run_pr_check(root, tmp_path, "--base", "main\n# injected", "--today", TODAY)
    assert (result.returncode, result.stderr, summary) == (1, "", "")
    assert result.stdout == (
        "legalsite check: error: the base 'main\\n# injected' is not a git ref: it contains the "
        "character U+000A, which is not printable\n"
        "hint: name a branch, tag or commit, e.g. --base origin/main\n"
    )


@given(text=st.text(alphabet=st.sampled_from("`a \n\x1b"), max_size=12) | st.text(max_size=40))
def test_summaries_quote_any_text_as_code(text: str) -> None:
    span = gfm_code(text)
    ticks = re.match("`+", span)
    assert ticks and span.endswith(ticks[0]) and not any(map(is_hidden, span))
    assert ticks[0] not in span[len(ticks[0]) : -len(ticks[0])]
    summary = pr_check.failure_summary(2, "check-frozen", text, text)
    assert summary.startswith(f"# {span} failed\n")
    fence = re.search("\n(`{4,})text\n", summary)
    assert fence and fence[1] not in text
    fenced = [line for line in summary.split("\n") if line.startswith(fence[1])]
    assert fenced == [f"{fence[1]}text", fence[1]]


def version(
    document: str, version: str, status: Status, previous: str | None, *files: tuple[str, Status]
) -> VersionChange:
    return VersionChange(
        VersionFolder(document, version),
        status,
        tuple(FileChange(f"agreements/{document}/{version}/{name}", how) for name, how in files),
        previous,
    )


def test_changed_versions_tracked_untracked_changed_and_removed(
    repo: tuple[Path, str],
) -> None:
    root, base = repo
    assert pr_check.changed_versions(root, base) == ([], [])
    # Committed on a branch, then changed again in the working tree: one new version.
    git(root, "switch", "-q", "-c", "change")
    add_second_version(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "second version")
    (root / DOC / SECOND / "en.yaml").write_text("title: changed\n")
    both: tuple[tuple[str, Status], ...] = (
        ("en.yaml", "added"),
        ("meta.yaml", "added"),
        ("zh.yaml", "added"),
    )
    second = version("user-service-agreement", SECOND, "added", FIRST, *both)
    assert pr_check.changed_versions(root, base) == ([second], [])
    # Against the branch itself the version exists already: changed, not new.
    changed = version("user-service-agreement", SECOND, "changed", FIRST, ("en.yaml", "changed"))
    assert pr_check.changed_versions(root, "HEAD") == ([changed], [])
    # A new, untracked document: its first version has nothing to compare with.
    shutil.copytree(VERSIONS / FIRST, root / "agreements" / "privacy-policy" / "2025-04-01")
    first_files: tuple[tuple[str, Status], ...] = (("en.yaml", "added"), ("zh.yaml", "added"))
    first = version("privacy-policy", "2025-04-01", "added", None, *first_files)
    assert pr_check.changed_versions(root, base) == ([first, second], [])
    # Removed since the branch's commit.
    shutil.rmtree(root / DOC / SECOND)
    gone: tuple[tuple[str, Status], ...] = (
        ("en.yaml", "deleted"),
        ("meta.yaml", "deleted"),
        ("zh.yaml", "deleted"),
    )
    removed = version("user-service-agreement", SECOND, "deleted", None, *gone)
    assert pr_check.changed_versions(root, "HEAD") == ([first], [removed])


def test_redline_summary_without_changes_and_for_a_first_version(
    repo: tuple[Path, str],
) -> None:
    root, base = repo
    built = "\n---\n\nThe site was built for 2025-02-20: it shows every version published by that day.\n"
    assert pr_check.changed_versions(root, base) == ([], [])
    assert pr_check.redline_summary(root, base, [], [], date(2025, 2, 20), call=main) == (
        f"# Redline against `{base}`\n\n"
        f"No version under `agreements/` is new or changed since `{base}`.\n" + built
    )
    shutil.copytree(VERSIONS / FIRST, root / "agreements" / "privacy-policy" / "2025-04-01")
    changed, removed = pr_check.changed_versions(root, base)
    assert pr_check.redline_summary(root, base, changed, removed, date(2025, 2, 20), call=main) == (
        f"# Redline against `{base}`\n\n"
        "## `privacy-policy/2025-04-01`: new version, published on 2025-03-31 (notice rule: 1 working day)\n\n"
        "The first version of `privacy-policy`: there is no earlier version to compare it "
        "with, so no redline.\n" + built
    )


def test_the_redline_summary_marks_where_a_moved_section_stood(repo: tuple[Path, str]) -> None:
    """The pull-request summary is ``legalsite diff --format markdown`` of each language: a
    section moved by the new version is listed where it arrived and, where it stood, with
    where it went (the account's old place, as on every other surface)."""
    root, base = repo
    add_second_version(root)
    for lang in ("zh", "en"):
        path = root / DOC / SECOND / f"{lang}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["sections"] = [data["sections"][i] for i in (0, 2, 1)]  # contact before disclaimer
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text(dumped, encoding="utf-8")
    changed, removed = pr_check.changed_versions(root, base)
    summary = pr_check.redline_summary(root, base, changed, removed, date(2025, 2, 20), call=main)
    assert summary == (
        f"# Redline against `{base}`\n\n"
        "## `user-service-agreement/2025-03-03`: new version, published on 2025-02-28 "
        "(notice rule: 1 working day)\n\n"
        "The editors' summary (editorial):\n\n"
        "- 中文: 明确&quot;服务&quot;指软件产品和技术服务。\n"
        "- English: Makes clear that the Services are software products and technical "
        "services.\n\n"
        "Compared with the version before it, `2024-01-01`.\n\n"
        "### 用户服务协议 · 2024-01-01 → 2025-03-03 · 中文\n\n"
        "共3处变更：修改1处，新增0处，删除0处，移动1处，重新编号1处。\n\n"
        "- **一、定义** · 修改 列表项 第一条第1项: "
        "服务:脉邦数字科技向您提供的<ins>软件</ins>产品及<ins>技术</ins>服务。\n"
        "- **二、联系我们** · 移动 章节 第二条 （从三移至二）: 联系我们\n"
        "- **三、免责条款** · 重新编号 章节 第三条 （二 → 三）: 免责条款\n"
        "- 移出至 二、联系我们 （原三、联系我们）\n\n"
        "### User Service Agreement · 2024-01-01 → 2025-03-03 · English\n\n"
        "Changes: 3 (1 changed, 0 added, 0 removed, 1 moved, 1 renumbered).\n\n"
        "- **I. Definitions** · Changed list item Section I(1): Services: <ins>software </ins>"
        "products and<ins> technical</ins> services provided by MaiBang Digital Technology to "
        "you.\n"
        "- **II. Contact Us** · Moved section Section II (moved from III to II): Contact Us\n"
        "- **III. Disclaimer** · Renumbered section Section III (II → III): Disclaimer\n"
        "- Moved to II. Contact Us (formerly III. Contact Us)\n"
        "\n---\n\n"
        "The site was built for 2025-02-20: it shows every version published by that day.\n"
    )


def test_the_site_is_built_for_the_last_new_version_when_it_is_ahead() -> None:
    def changed(effective: str) -> VersionChange:
        return version("doc", effective, "added", None)

    today = date(2025, 2, 20)
    assert pr_check.preview_date(today, []) == today
    assert pr_check.preview_date(today, [changed("2024-01-01")]) == today
    later = [changed("2025-03-03"), changed("2025-04-01")]
    assert pr_check.preview_date(today, later) == date(2025, 4, 1)


# -- The job summary holds the editors' strings inert ------------------------------------------


def test_a_failing_steps_output_stays_inside_its_fence() -> None:
    output = "a.yaml:1:1: bad\n````\n![x](https://evil.example/x.png) <img src=x onerror=alert(1)>\n`````\x1b[2J\n"
    summary = pr_check.failure_summary(1, "validate", "legalsite validate", output)
    fence = "``````"  # longer than the longest run of backticks in the output
    assert summary == (
        "# `legalsite validate` failed\n\n"
        "The check stopped at step 1 of 4 (validate); the steps after it did not run. Its "
        f"output:\n\n{fence}text\na.yaml:1:1: bad\n````\n![x](https://evil.example/x.png) "
        f"<img src=x onerror=alert(1)>\n`````\\x1b[2J\n{fence}\n\n"
        "CONTRIBUTING.md explains each message and how to fix it.\n"
    )
    html = markdown.markdown(summary, extensions=["fenced_code"])
    assert "<img" not in html and "<em>" not in html
    assert re.findall(r"<(\w+)", html) == ["h1", "code", "p", "pre", "code", "p"]


def test_folder_names_in_the_summary_are_code_spans_nothing_can_end(tmp_path: Path) -> None:
    removed = [
        VersionChange(VersionFolder(document, version), "deleted", (), None)
        for document, version in (
            ("evil`<img src=x onerror=alert(1)>`", "2025-01-01"),
            ("a``b", "2025-02-01"),
        )
    ]
    summary = pr_check.redline_summary(
        tmp_path, "origin/main", [], removed, date(2025, 2, 20), call=main
    )
    assert summary.splitlines()[2:6] == [
        "## ``evil`<img src=x onerror=alert(1)>`/2025-01-01``: removed",
        "",
        "The folder is gone, so there is no redline.",
        "",
    ]
    assert "## ```a``b/2025-02-01```: removed" in summary.splitlines()
    html = markdown.markdown(summary)
    assert "<img" not in html


@pytest.mark.build
def test_a_summary_file_that_cannot_be_written_is_one_line(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    """$GITHUB_STEP_SUMMARY left over from elsewhere (a folder that does not exist): the
    check says so and fails before any step, no traceback."""
    root, base = repo
    add_second_version(root)
    missing = tmp_path / "nowhere" / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "legalsite", "check", "--base", base, "--today", TODAY],
        cwd=root,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(missing)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"\nlegalsite check: cannot write the summary to $GITHUB_STEP_SUMMARY ({missing}: "
        "No such file or directory)\n"
    )


def test_a_summary_that_cannot_be_written_at_the_end_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file checked before the steps may still be gone when the summary is written."""
    missing = tmp_path / "nowhere" / "summary.md"
    monkeypatch.setenv(pr_check.SUMMARY_ENV, str(missing))
    assert pr_check.write_summary("# Redline\n") is False
    assert capsys.readouterr().out == (
        f"\nlegalsite check: cannot write the summary to $GITHUB_STEP_SUMMARY ({missing}: "
        "No such file or directory)\n"
    )


def test_check_warns_of_a_version_whose_publication_date_is_today_or_past(
    repo: tuple[Path, str],
) -> None:
    """Merged after its publication date, a version is refused by the publish build (issue 22):
    the pull request's check says so while there is time."""
    root, base = repo
    add_second_version(root)
    changed, _ = pr_check.changed_versions(root, base)
    assert pr_check.late_versions(root, changed, date(2025, 2, 27)) == []
    ((item, published),) = pr_check.late_versions(root, changed, date(2025, 2, 28))
    assert published == date(2025, 2, 28)
    assert pr_check.late_warning(item, published, date(2025, 2, 28), markdown=True) == (
        "warning: `user-service-agreement/2025-03-03`: its publication date 2025-02-28 is "
        "today: merged later than that day, it is refused by the publish build (a version must "
        "be on the site on its publication date); merge and publish today, or give it a later "
        "effective date"
    )
    ((item, published),) = pr_check.late_versions(root, changed, date(2025, 3, 2))
    assert pr_check.late_warning(item, published, date(2025, 3, 2), markdown=False) == (
        "warning: user-service-agreement/2025-03-03: its publication date 2025-02-28 has "
        "passed (today is 2025-03-02): merged later than that day, it is refused by the "
        "publish build (a version must be on the site on its publication date); merge and "
        "publish today, or give it a later effective date"
    )
    summary = pr_check.redline_summary(
        root, base, [], [], date(2025, 2, 28), ["warning: `x`: its publication date"], call=main
    )
    assert summary.splitlines()[2] == "> **warning: `x`: its publication date**"
