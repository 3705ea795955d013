"""The text-level redline: properties on random edits, and whole outputs on realistic clauses."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.redline import (
    DEFAULT_REPLACE_THRESHOLD,
    HAN_RANGES,
    Lang,
    Segment,
    change_ratio,
    cuts,
    is_unchanged,
    new_text,
    old_text,
    redline,
    to_ansi,
    to_html,
    to_plain,
    tokenize,
)
from tests.conftest import examples

ROOT = Path(__file__).resolve().parent.parent


def eq(text: str) -> Segment:
    return Segment("equal", text)


def dele(text: str) -> Segment:
    return Segment("delete", text)


def ins(text: str) -> Segment:
    return Segment("insert", text)


# --- random texts and random edits ------------------------------------------------------------

ZH_WORDS = [
    "本协议", "用户", "服务", "脉邦数字科技", "应当", "不得", "账户", "帐户", "数据", "通知",
    "的", "并", "或", "至", "小时", "武汉", "北京市", "仲裁委员会", "云平台", "责任", "甲方",
    "乙方", "第三方", "个人信息", "退还", "不予", "承担", "赔偿", "费用", "期限",
]  # fmt: skip
ZH_PUNCT = [*"，。；：、（）“”《》！？", ",", ";", ".", " ", "\n", "\u3000"]
ZH_OTHER = ["SCRM", "48", "24", "2024", "99%", "1,000.50", "http://www.maibangtech.com", "v2.0"]
HAN = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),  # extension A
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # extension B
)
ZH_PIECE = st.one_of(
    st.sampled_from(ZH_WORDS), HAN, st.sampled_from(ZH_PUNCT), st.sampled_from(ZH_OTHER)
)

EN_WORDS = [
    "the", "a", "of", "and", "to", "Customer", "Supplier", "shall", "may", "not", "pay", "fees",
    "within", "thirty", "days", "notice", "Party's", "don't", "Agreement", "terminate", "data",
]  # fmt: skip
EN_PUNCT = [" ", " ", " ", ", ", ". ", "; ", ":", "(", ")", "'", '"', "-", "!", "?", "\n", "\t"]
EN_OTHER = ["30", "48", "1,000.50", "$", "%", "§", "2.1", "e.g."]
EN_PIECE = st.one_of(
    st.sampled_from(EN_WORDS), st.sampled_from(EN_PUNCT), st.sampled_from(EN_OTHER)
)

PIECES: dict[Lang, st.SearchStrategy[str]] = {"zh": ZH_PIECE, "en": EN_PIECE}


@st.composite
def edited(draw: st.DrawFn, lang: Lang) -> tuple[str, str]:
    """A realistic base text and a version of it after random inserts, deletes and replaces."""
    piece = PIECES[lang]
    pieces = draw(st.lists(piece, max_size=40))
    base = "".join(pieces)
    edits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["insert", "delete", "replace"]),
                st.integers(min_value=0),
                st.lists(piece, min_size=1, max_size=6),
            ),
            max_size=6,
        )
    )
    for kind, position, new in edits:
        at = position % (len(pieces) + 1)
        if kind == "insert":
            pieces[at:at] = new
        elif kind == "delete":
            del pieces[at : at + len(new)]
        else:
            pieces[at : at + len(new)] = new
    return base, "".join(pieces)


LANGS = st.sampled_from(["zh", "en"])
THRESHOLDS = st.one_of(st.just(DEFAULT_REPLACE_THRESHOLD), st.floats(min_value=0.0, max_value=1.0))


def check_well_formed(segments: list[Segment], old: str, new: str) -> None:
    assert old_text(segments) == old
    assert new_text(segments) == new
    assert all(s.text for s in segments), "empty segment"
    for left, right in itertools.pairwise(segments):
        assert left.op != right.op, f"two adjacent {left.op} segments"
        assert (left.op, right.op) != ("insert", "delete"), "a replacement must delete first"
    assert is_unchanged(segments) == (old == new)
    assert 0.0 <= change_ratio(segments) <= 1.0


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data(), lang=LANGS)
def test_a_text_against_itself_is_all_equal(data: st.DataObject, lang: Lang) -> None:
    text, _ = data.draw(edited(lang))
    assert redline(text, text, lang) == ([eq(text)] if text else [])


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data(), lang=LANGS, threshold=THRESHOLDS)
def test_random_edits_give_back_both_versions(
    data: st.DataObject, lang: Lang, threshold: float
) -> None:
    old, new = data.draw(edited(lang))
    check_well_formed(redline(old, new, lang, replace_threshold=threshold), old, new)


@settings(max_examples=examples(200), deadline=None)
@given(old=st.text(max_size=60), new=st.text(max_size=60), lang=LANGS)
def test_any_unicode_text_gives_back_both_versions(old: str, new: str, lang: Lang) -> None:
    check_well_formed(redline(old, new, lang), old, new)


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data(), lang=LANGS)
def test_tokenize_round_trips_realistic_text(data: st.DataObject, lang: Lang) -> None:
    text, edited_text = data.draw(edited(lang))
    for t in (text, edited_text):
        tokens = tokenize(t, lang)
        assert "".join(tokens) == t
        assert all(tokens)


@settings(max_examples=examples(200), deadline=None)
@given(text=st.text(), lang=LANGS)
def test_tokenize_round_trips_any_text(text: str, lang: Lang) -> None:
    tokens = tokenize(text, lang)
    assert "".join(tokens) == text
    assert all(tokens)


# --- tokens -------------------------------------------------------------------------------------


def test_english_tokens_keep_words_numbers_whitespace_and_punctuation_apart() -> None:
    assert tokenize("The Party's fee:  $1,000.50 (net)\n", "en") == [
        "The", " ", "Party's", " ", "fee", ":", "  ", "$", "1,000.50", " ", "(", "net", ")", "\n",
    ]  # fmt: skip


def test_chinese_tokens_are_jieba_words_and_latin_runs_are_cut_like_english() -> None:
    text = "任何一方均可提交至武汉仲裁委员会。请访问 www.example.com 或拨打 027-1234"
    assert tokenize(text, "zh") == [
        "任何一方", "均", "可", "提交", "至", "武汉", "仲裁", "委员会", "。",
        "请", "访问", " ", "www", ".", "example", ".", "com", " ", "或", "拨打", " ",
        "027", "-", "1234",
    ]  # fmt: skip


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        tokenize("bonjour", "fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        redline("a", "b", "fr")  # type: ignore[arg-type]


# --- whole redlines on realistic clauses ----------------------------------------------------------

RESTORE_ZH = (
    "脉邦数字科技尽最大努力保障云平台的连续可靠运行。对于付费账户,脉邦数字科技承诺99%以上的正常在线率,"
    "低于此比例,脉邦数字科技有义务按照服务中断时间向客户补足相应的服务时间;对于未付费用户,"
    "脉邦数字科技不提供任何保证与补偿。在发生需要从备份文件中恢复数据的情形时,"
    "脉邦数字科技通常需要4至48小时完成,在此时间范围内的数据恢复视作服务是连续的。"
)
RESTORE_EN = (
    "When data restoration from backup files is required, MaiBang Digital Technology usually "
    "takes 4 to 48 hours to complete it; data restoration within this time range shall be "
    "considered continuous service."
)


def test_one_word_change_in_a_long_chinese_sentence_marks_only_that_word() -> None:
    new = RESTORE_ZH.replace("4至48小时", "4至24小时")
    head, tail = RESTORE_ZH.split("48")
    assert redline(RESTORE_ZH, new, "zh") == [eq(head), dele("48"), ins("24"), eq(tail)]


def test_a_changed_city_marks_only_the_city() -> None:
    old = (
        "任何一方均可将有关争议提交至武汉仲裁委员会并按照其届时有效的仲裁规则仲裁;"
        "仲裁裁决是终局的。"
    )
    new = old.replace("武汉", "北京")
    assert redline(old, new, "zh") == [
        eq("任何一方均可将有关争议提交至"),
        dele("武汉"),
        ins("北京"),
        eq("仲裁委员会并按照其届时有效的仲裁规则仲裁;仲裁裁决是终局的。"),
    ]


def test_a_changed_city_inside_a_longer_jieba_word_keeps_the_common_characters() -> None:
    # jieba cuts 武汉市 and 北京市 as single words; only 武汉 → 北京 differs.
    assert redline("地址武汉市洪山区龙安港汇城2910", "地址北京市洪山区龙安港汇城2910", "zh") == [
        eq("地址"),
        dele("武汉"),
        ins("北京"),
        eq("市洪山区龙安港汇城2910"),
    ]


def test_an_edit_inside_a_chinese_word_marks_the_whole_word_on_both_sides() -> None:
    old = "仲裁费用由败诉方承担,除非仲裁裁决另有规定。"
    assert redline(old, old.replace("承担", "负担"), "zh") == [
        eq("仲裁费用由败诉方"),
        dele("承担"),
        ins("负担"),
        eq(",除非仲裁裁决另有规定。"),
    ]
    # 个人信息 is one jieba word made of two: 个人 stays common, 信息 → 资料 is marked whole.
    assert redline("本人的个人信息", "本人的个人资料", "zh") == [
        eq("本人的个人"),
        dele("信息"),
        ins("资料"),
    ]


def _edges(segments: list[Segment]) -> list[tuple[int, int]]:
    """(offset in the old text, offset in the new text) of both ends of every change."""
    edges = []
    o = n = 0
    for s in segments:
        if s.op == "equal":
            o, n = o + len(s.text), n + len(s.text)
            continue
        edges.append((o, n))
        if s.op == "delete":
            o += len(s.text)
        else:
            n += len(s.text)
        edges.append((o, n))
    return edges


HAN_RUN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES) + "]+")


def _inside_words(text: str) -> set[int]:
    """Offsets strictly inside a word (or inside a part of a splittable word) of the cut."""
    inside: set[int] = set()
    words = iter(cuts(text, "zh"))
    for run in HAN_RUN.finditer(text):
        at = run.start()
        while at < run.end():
            word = next(words)
            for part in [word] if isinstance(word, int) else word:
                inside.update(range(at + 1, at + part))
                at += part
    return inside


@st.composite
def edited_inside_words(draw: st.DrawFn) -> tuple[str, str]:
    """Chinese text of dictionary words, and a version with characters of some words replaced,
    inserted or deleted: the edits a redline must not show as half words (承担 → 负担)."""
    words = draw(st.lists(st.sampled_from(ZH_WORDS + ZH_PUNCT[:3]), min_size=1, max_size=20))
    new = list(words)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(new) - 1))
        word = new[index]
        at = draw(st.integers(0, len(word)))
        char = draw(st.sampled_from("负承担账帐信息资料市区甲乙丙的予还"))
        how = draw(st.sampled_from(["replace", "insert", "delete"]))
        if how == "insert" or not word:
            new[index] = word[:at] + char + word[at:]
        elif how == "delete":
            new[index] = word[:at] + word[at + 1 :]
        else:
            new[index] = word[:at] + char + word[at + 1 :]
    return "".join(words), "".join(new)


@settings(max_examples=examples(300), deadline=None)
@given(data=st.data(), inside=st.booleans())
def test_chinese_marks_begin_and_end_between_words(data: st.DataObject, inside: bool) -> None:
    """Whatever the edit, no mark starts or ends inside a word of either version."""
    old, new = data.draw(edited_inside_words() if inside else edited("zh"))
    segments = redline(old, new, "zh")
    check_well_formed(segments, old, new)
    old_inside, new_inside = _inside_words(old), _inside_words(new)
    for o, n in _edges(segments):
        assert o not in old_inside, (o, old, new, segments)
        assert n not in new_inside, (n, old, new, segments)


def test_common_chinese_words_hidden_in_longer_jieba_words_stay_common() -> None:
    # jieba cuts 退还给 as one word, so only a character-level look finds 退还 in both versions.
    old = "您可以随时取消。已付费用不予退还。"
    new = "您可以随时取消。已付费用将按比例退还给您。"
    assert redline(old, new, "zh") == [
        eq("您可以随时取消。已付费用"),
        dele("不予"),
        ins("将按比例"),
        eq("退还"),
        ins("给您"),
        eq("。"),
    ]


def test_one_word_change_in_an_english_sentence() -> None:
    new = RESTORE_EN.replace("usually", "normally")
    head, tail = RESTORE_EN.split("usually")
    assert redline(RESTORE_EN, new, "en") == [eq(head), dele("usually"), ins("normally"), eq(tail)]


def test_a_changed_number_is_marked_whole() -> None:
    old = "The Customer shall pay the fee of 1,000.50 within 30 days."
    new = "The Customer shall pay the fee of 1,200.50 within 30 days."
    assert to_plain(redline(old, new, "en")) == (
        "The Customer shall pay the fee of [-1,000.50-]{+1,200.50+} within 30 days."
    )


def test_tiny_common_islands_between_changes_are_absorbed() -> None:
    assert redline("the quick brown fox jumps", "the slow red fox jumps", "en") == [
        eq("the "),
        dele("quick brown"),
        ins("slow red"),
        eq(" fox jumps"),
    ]
    # One Chinese character (至) between two changes is absorbed too.
    assert to_plain(redline("通常需要4至48小时完成", "通常需要5至24小时完成", "zh")) == (
        "通常需要[-4至48-]{+5至24+}小时完成"
    )


def test_a_change_never_runs_across_a_line_break() -> None:
    assert redline("alpha\nbeta", "gamma\ndelta", "en") == [
        dele("alpha"),
        ins("gamma"),
        eq("\n"),
        dele("beta"),
        ins("delta"),
    ]


FEES_OLD = (
    "Fees are payable monthly in advance. Late payments incur interest at 1% per month. "
    "Taxes are extra."
)
FEES_NEW = (
    "Fees are payable monthly in advance. Any amount not paid when due bears a charge of 2% "
    "each month. Taxes are extra."
)


def test_a_rewritten_english_sentence_is_shown_replaced_whole() -> None:
    assert redline(FEES_OLD, FEES_NEW, "en") == [
        eq("Fees are payable monthly in advance. "),
        dele("Late payments incur interest at 1% per month."),
        ins("Any amount not paid when due bears a charge of 2% each month."),
        eq(" Taxes are extra."),
    ]


def test_a_rewritten_chinese_sentence_is_shown_replaced_whole() -> None:
    old = "您可以随时取消。已付费用不予退还。"
    new = "您可以随时取消。如您在七日内取消，我们将全额退款。"
    assert redline(old, new, "zh") == [
        eq("您可以随时取消。"),
        dele("已付费用不予退还。"),
        ins("如您在七日内取消，我们将全额退款。"),
    ]


def test_whitespace_around_a_replaced_sentence_stays_common() -> None:
    old = "  Late payments incur interest\t"
    new = "  Any amount not paid bears a charge\t"
    assert redline(old, new, "en") == [
        eq("  "),
        dele("Late payments incur interest"),
        ins("Any amount not paid bears a charge"),
        eq("\t"),
    ]


COMPENSATION_HEAD = "脉邦数字科技有义务按照服务中断时间向客户补足相应的服务时间"


@pytest.mark.parametrize("end", [";", "；", "！", "。"])
def test_a_chinese_sentence_ends_at_full_and_half_width_marks(end: str) -> None:
    # The second sentence is rewritten (its share of changes is above 0.5), the first is not.
    old = f"{COMPENSATION_HEAD}{end}对于未付费用户,脉邦数字科技不提供任何保证与补偿。"
    new = f"{COMPENSATION_HEAD}{end}未付费用户亦可获得同等补偿。"
    assert redline(old, new, "zh") == [
        eq(COMPENSATION_HEAD + end),
        dele("对于未付费用户,脉邦数字科技不提供任何保证与补偿。"),
        ins("未付费用户亦可获得同等补偿。"),
    ]


def test_a_comma_does_not_end_a_chinese_sentence() -> None:
    # The same edit as above is under half of the one long sentence: interleaved marks.
    old = f"{COMPENSATION_HEAD}，对于未付费用户,脉邦数字科技不提供任何保证与补偿。"
    new = f"{COMPENSATION_HEAD}，未付费用户亦可获得同等补偿。"
    assert to_plain(redline(old, new, "zh")) == (
        f"{COMPENSATION_HEAD}，[-对于-]未付费用户[-,脉邦数字科技不提供任何保证与-]"
        "{+亦可获得同等+}补偿。"
    )


def test_replace_threshold_one_keeps_interleaved_edits() -> None:
    assert to_plain(redline(FEES_OLD, FEES_NEW, "en", replace_threshold=1.0)) == (
        "Fees are payable monthly in advance. [-Late payments incur interest at 1% per-]"
        "{+Any amount not paid when due bears a charge of 2% each+} month. Taxes are extra."
    )


def test_replace_threshold_zero_replaces_every_changed_sentence() -> None:
    old = "MaiBang may suspend the Service. You will be notified by email."
    new = "MaiBang may suspend the Service without notice. You will be notified by email."
    assert redline(old, new, "en", replace_threshold=0.0) == [
        dele("MaiBang may suspend the Service."),
        ins("MaiBang may suspend the Service without notice."),
        eq(" You will be notified by email."),
    ]
    assert redline(old, new, "en") == [
        eq("MaiBang may suspend the Service"),
        ins(" without notice"),
        eq(". You will be notified by email."),
    ]


@pytest.mark.parametrize("threshold", [-0.1, 1.5, float("nan")])
def test_replace_threshold_outside_zero_to_one_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="replace_threshold must be between 0 and 1"):
        redline("a", "b", "en", replace_threshold=threshold)


def test_an_inserted_english_sentence() -> None:
    old = "You may cancel at any time. Refunds are not available."
    new = (
        "You may cancel at any time. Cancellation takes effect at the end of the billing period. "
        "Refunds are not available."
    )
    assert redline(old, new, "en") == [
        eq("You may cancel at any time."),
        ins(" Cancellation takes effect at the end of the billing period."),
        eq(" Refunds are not available."),
    ]


def test_an_inserted_chinese_sentence() -> None:
    # The inserted sentence is a sentence of its own: it does not make the short sentence after
    # it look rewritten.
    old = "您可以随时取消。费用概不退还。"
    new = "您可以随时取消。取消自当前计费周期结束时生效。费用概不退还。"
    assert redline(old, new, "zh") == [
        eq("您可以随时取消。"),
        ins("取消自当前计费周期结束时生效。"),
        eq("费用概不退还。"),
    ]


def test_an_inserted_sentence_is_slid_to_the_sentence_boundary() -> None:
    # The matcher first aligns the shared ". C." and leaves "A{+. B+}. C.".
    assert to_plain(redline("A. C.", "A. B. C.", "en")) == "A.{+ B.+} C."
    assert to_plain(redline("甲。丙。", "甲。乙。丙。", "zh")) == "甲。{+乙。+}丙。"


def test_an_insertion_is_not_slid_into_the_middle_of_a_chinese_word() -> None:
    # 通知管理员并 could also be shown as 通{+知管理员并通+}过; the word-aligned placement stays.
    assert to_plain(
        redline("您应当通过云平台提交申请。", "您应当通知管理员并通过云平台提交申请。", "zh")
    ) == ("您应当{+通知管理员并+}通过云平台提交申请。")


def test_a_deleted_chinese_sentence() -> None:
    kept = "在发生需要从备份文件中恢复数据的情形时,脉邦数字科技通常需要4至48小时完成。"
    dropped = "对于未付费用户,脉邦数字科技不提供任何保证与补偿。"
    assert redline(dropped + kept, kept, "zh") == [dele(dropped), eq(kept)]


def test_empty_texts() -> None:
    assert redline("", "", "zh") == []
    assert redline("", "新增条款。", "zh") == [ins("新增条款。")]
    assert redline("Deleted clause.", "", "en") == [dele("Deleted clause.")]


# --- reading a redline ----------------------------------------------------------------------------


def test_reading_helpers() -> None:
    segments = [eq("ab"), dele("cd"), ins("e"), eq("f")]
    assert old_text(segments) == "abcdf"
    assert new_text(segments) == "abef"
    assert not is_unchanged(segments)
    assert is_unchanged([eq("abc")])
    assert is_unchanged([])
    # 3 changed characters of 5 + 4 in both versions.
    assert change_ratio(segments) == pytest.approx(3 / 9)
    assert change_ratio([]) == 0.0
    assert change_ratio([dele("x"), ins("y")]) == 1.0


def test_a_segment_with_an_unknown_op_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown redline op 'replace'"):
        Segment("replace", "x")  # type: ignore[arg-type]


# --- rendering ----------------------------------------------------------------------------------

HOSTILE = [
    eq("Fees & <b>charges</b> "),
    dele('<script>alert("x")</script>'),
    ins("Tom's & Jerry's"),
    eq(" apply."),
]


def test_html_escapes_every_text() -> None:
    assert to_html(HOSTILE) == (
        "Fees &amp; &lt;b&gt;charges&lt;/b&gt; "
        "<del>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</del>"
        "<ins>Tom&#x27;s &amp; Jerry&#x27;s</ins>"
        " apply."
    )


def test_html_of_a_redline() -> None:
    old = "甲方应在30日内支付<费用> & 税款。"
    new = "甲方应在60日内支付<费用> & 税款。"
    assert to_html(redline(old, new, "zh")) == (
        "甲方应在<del>30</del><ins>60</ins>日内支付&lt;费用&gt; &amp; 税款。"
    )


def test_plain_marks_changes_with_brackets() -> None:
    assert to_plain(HOSTILE) == (
        "Fees & <b>charges</b> [-<script>alert(\"x\")</script>-]{+Tom's & Jerry's+} apply."
    )


def test_ansi_colours_and_brackets_changes() -> None:
    segments = [eq("pay "), dele("48"), ins("24"), eq(" hours")]
    assert to_ansi(segments) == ("pay \x1b[31;9m[-48-]\x1b[0m\x1b[32;4m{+24+}\x1b[0m hours")


def test_ansi_shows_control_characters_instead_of_sending_them() -> None:
    # Tab and line feed too: one change stays one line, and only the colour codes are sent.
    segments = [eq("a\x1b[2Jb\tc\n"), ins("d\x07\u202e")]
    assert to_ansi(segments) == "a\\x1b[2Jb\\tc\\n\x1b[32;4m{+d\\x07\\u202e+}\x1b[0m"


# --- determinism and import cost ----------------------------------------------------------------

DETERMINISM_CASES: list[tuple[str, str, Lang]] = [
    (RESTORE_ZH, RESTORE_ZH.replace("4至48", "4至24").replace("付费账户", "企业账户"), "zh"),
    (RESTORE_EN, RESTORE_EN.replace("48", "24").replace("usually", "normally"), "en"),
    ("您可以随时取消。已付费用不予退还。", "您可以随时取消。已付费用将按比例退还给您。", "zh"),
    (FEES_OLD, FEES_NEW, "en"),
]

# Run in a fresh interpreter with another hash seed: importing must not load jieba, the first
# Chinese redline must print nothing, and words added to jieba's global dictionary afterwards
# (as Material's search plugin may) must not change the cut.
CHILD = """
import json, logging, sys
import legalsite.compare.redline as r
cases = json.loads(sys.stdin.read())
out = {"jieba_loaded_on_import": "jieba" in sys.modules}
out["redlines"] = [[[s.op, s.text] for s in r.redline(o, n, l)] for o, n, l in cases]
import jieba
jieba.setLogLevel(logging.WARNING)
before = r.tokenize("签约地为北京。", "zh")
jieba.add_word("地为北京", freq=10**8)
out["global_cut"] = jieba.lcut("签约地为北京。", HMM=False)
out["tokens_unchanged"] = r.tokenize("签约地为北京。", "zh") == before
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def child() -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(DETERMINISM_CASES),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    result["stderr"] = proc.stderr
    return result


def test_same_input_gives_the_same_redline_every_time(child: dict[str, Any]) -> None:
    here = [[[s.op, s.text] for s in redline(o, n, lang)] for o, n, lang in DETERMINISM_CASES]
    again = [[[s.op, s.text] for s in redline(o, n, lang)] for o, n, lang in DETERMINISM_CASES]
    assert here == again
    assert child["redlines"] == here


def test_importing_is_cheap_and_jieba_is_quiet(child: dict[str, Any]) -> None:
    assert child["jieba_loaded_on_import"] is False
    assert child["stderr"] == ""


def test_jieba_global_dictionary_does_not_change_the_cut(child: dict[str, Any]) -> None:
    assert "地为北京" in child["global_cut"]  # the global cut did change...
    assert child["tokens_unchanged"] is True  # ...ours did not


def test_the_rules_classify_every_code_point() -> None:
    from legalsite.compare.redline import _every_code_point

    assert _every_code_point() == "".join(map(chr, range(0x110000)))
