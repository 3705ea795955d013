"""The built version pages reproduce the published 2024-01-01 agreement, block for block."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT
from tests.reference import page_blocks, reference_blocks

PAGES = {
    "zh": ["user-service-agreement/2024-01-01/index.html", "user-service-agreement/index.html"],
    "en": [
        "en/user-service-agreement/2024-01-01/index.html",
        "en/user-service-agreement/index.html",
    ],
}


@pytest.mark.build
@pytest.mark.parametrize(
    ("lang", "page"), [(lang, page) for lang, pages in PAGES.items() for page in pages]
)
def test_every_block_of_the_reference_in_order(real_site: Path, lang: str, page: str) -> None:
    expected = reference_blocks(REFERENCE.read_text(encoding="utf-8"))[lang]
    built = page_blocks((real_site / page).read_text(encoding="utf-8"))
    assert built == expected


def test_reference_copy_matches_the_shared_one() -> None:
    """tests/data keeps a copy so a clone can test alone; it must not drift from the original."""
    shared = ROOT.parent / "shared" / "reference" / "user-service-agreement.txt"
    if not shared.is_file():
        pytest.skip("no shared/ folder beside this clone")
    assert REFERENCE.read_bytes() == shared.read_bytes()


def test_reference_has_both_languages() -> None:
    blocks = reference_blocks(REFERENCE.read_text(encoding="utf-8"))
    assert blocks["zh"][0] == "用户服务协议"
    assert blocks["en"][0] == "User Service Agreement"
    assert blocks["zh"][-1] == "最后更新日期:2024年1月1日"
    assert blocks["en"][-1] == "Last Updated: January 1, 2024"
    assert len(blocks["zh"]) == len(blocks["en"]) == 99
