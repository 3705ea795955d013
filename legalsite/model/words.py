"""Every word the site itself says, in both languages (the agreement's words are in the YAML).

The one catalogue: the pages (Python and templates), the PDFs and the browser's scripts (which
get theirs from :func:`script_words`, written into each page by the plugin) all take their words
from here. :class:`Words` names every key, so a missing or misspelled key fails mypy;
``tests/test_strings.py`` checks that every key is used and that no template or script has
words of its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, TypedDict, cast, get_args

from legalsite.model.document import Lang, SourceDate


class Words(TypedDict):
    """The words of one language, one field per key."""

    site_name: str
    home_title: str
    home_intro: str
    last_updated: str
    effective: str
    published: str
    status: str
    version: str
    links: str
    status_current: str
    status_upcoming: str
    status_archived: str
    history: str
    history_title: str
    history_intro: str
    changes: str
    changes_title: str
    no_changes_link: str
    current_version: str
    permanent_link: str
    version_title: str
    banner_archived: str
    banner_archived_link: str
    banner_upcoming: str
    banner_upcoming_now: str
    banner_none: str
    feed_title: str
    stale_build: str
    governing: str
    document_effective_since: str
    latest_change: str
    compared_with: str
    full_text: str
    previous_version: str
    summary: str
    count_changed: str
    count_added: str
    count_removed: str
    count_moved: str
    count_moved_changed: str
    count_renumbered: str
    count_joiner: str
    list_joiner: str
    sections_touched: str
    no_changes: str
    unchanged_collapsed: str
    label_added: str
    label_removed: str
    label_changed: str
    label_moved: str
    label_moved_changed: str
    label_renumbered: str
    label_left: str
    note_moved: str
    note_renumbered: str
    note_only_zh: str
    note_only_en: str
    note_translation_unchanged: str
    note_reference: str
    note_formerly: str
    place_in_parent: str
    place_nth: str
    place_cited: str
    link_targets: str
    no_link: str
    notice_now: str
    colon: str
    heading_permalink: str
    not_found_title: str
    not_found_text: str
    not_found_home: str
    feed_dates: str
    document_feed_title: str
    site_feed_link_title: str
    document_feed_link_title: str
    download_text: str
    print_permanent: str
    print_date: str
    number_clause: str
    number_item: str
    cite_section: str
    version_label: str
    prominent_label: str
    prominent_list: str
    prominent_changed: str
    prominent_joiner: str
    note_prominent_on: str
    note_prominent_off: str
    source_date: str
    month_year: str
    cite_clause: str
    cite_item: str
    cite_annex: str
    end_matter: str
    cite_subitem: str
    cite_subsubitem: str
    kind_title: str
    kind_section: str
    kind_clause: str
    kind_list: str
    kind_item: str
    kind_table: str
    kind_row: str
    kind_verbatim: str
    markup_only: str
    preamble: str
    title_element: str
    list_style_ordered: str
    list_style_bulleted: str
    bilingual: str
    download_pdf: str
    download_changes_pdf: str
    page_of: str
    version_of: str
    status_as_of: str
    permanent_url: str
    text_sha256: str
    status_note: str
    redline_title: str
    docx_author: str
    download_docx: str
    download_changes_docx: str
    legend: str
    legend_deleted: str
    legend_inserted: str
    previous_url: str
    changed_mark: str
    upcoming_changed: str
    upcoming_removed: str
    upcoming_new_text: str
    upcoming_redline: str
    search_upcoming: str
    banner_replaced: str
    banner_replaced_link: str
    date: str
    month_1: str
    month_2: str
    month_3: str
    month_4: str
    month_5: str
    month_6: str
    month_7: str
    month_8: str
    month_9: str
    month_10: str
    month_11: str
    month_12: str
    bilingual_title: str
    at_date: str
    at_date_title: str
    at_date_intro: str
    at_date_all: str
    date_label: str
    go: str
    at_date_found: str
    at_date_none: str
    at_date_invalid: str
    at_date_read: str
    nav_versions: str
    nav_version: str
    permalink_version: str
    permalink_current: str
    until: str
    today_on: str
    from_date: str
    same_text: str
    compare: str
    compare_title: str
    compare_intro: str
    from_version: str
    to_version: str
    compare_button: str
    compare_failed: str
    compare_unknown: str
    compare_between: str
    compare_swapped: str
    clause_history: str
    clause_history_title: str
    clause_history_intro: str
    clause_history_link: str
    clause_since_first: str
    clause_unchanged: str
    clause_earlier: str
    clause_year_title: str
    clause_year_intro: str
    clause_added_in: str
    clause_upcoming_in: str
    needs_js: str
    summary_heading: str
    summary_column: str
    summary_prefix: str
    kind_substantive: str
    kind_editorial: str
    in_force_until: str
    in_force_until_none: str
    change_count: str
    notice_upcoming: str
    notice_new_text: str
    notice_redline: str
    subscribe: str
    removed_notice: str
    removed_last_link: str
    removed_changes_link: str
    clause_last_in: str
    clause_links_keys: str
    ledger: str
    ledger_title: str
    ledger_intro: str
    ledger_holds_text: str
    ledger_holds_pdf: str
    ledger_holds_changes_pdf: str
    ledger_holds_docx: str
    ledger_holds_changes_docx: str
    list_last_joiner: str
    ledger_before: str
    ledger_json: str
    ledger_link: str
    ledger_file: str
    ledger_size: str
    ledger_first_served: str
    ledger_not_recorded: str
    ledger_kind_text: str
    ledger_kind_pdf: str
    ledger_kind_changes_pdf: str
    ledger_kind_docx: str
    ledger_kind_changes_docx: str
    ledger_sha256: str
    ledger_language: str
    ledger_document_title: str
    ledger_document_intro: str
    ledger_document: str
    ledger_files: str
    ledger_first_day: str
    ledger_last_day: str
    ledger_all: str
    notice_rule_working_days: str
    notice_rule_days: str
    period_working_day: str
    period_working_days: str
    period_day: str
    period_days: str
    notice_published: str
    home_nothing_yet: str
    home_coming: str


Key = Literal[
    "site_name",
    "home_title",
    "home_intro",
    "last_updated",
    "effective",
    "published",
    "status",
    "version",
    "links",
    "status_current",
    "status_upcoming",
    "status_archived",
    "history",
    "history_title",
    "history_intro",
    "changes",
    "changes_title",
    "no_changes_link",
    "current_version",
    "permanent_link",
    "version_title",
    "banner_archived",
    "banner_archived_link",
    "banner_upcoming",
    "banner_upcoming_now",
    "banner_none",
    "feed_title",
    "stale_build",
    "governing",
    "document_effective_since",
    "latest_change",
    "compared_with",
    "full_text",
    "previous_version",
    "summary",
    "count_changed",
    "count_added",
    "count_removed",
    "count_moved",
    "count_moved_changed",
    "count_renumbered",
    "count_joiner",
    "list_joiner",
    "sections_touched",
    "no_changes",
    "unchanged_collapsed",
    "label_added",
    "label_removed",
    "label_changed",
    "label_moved",
    "label_moved_changed",
    "label_renumbered",
    "label_left",
    "note_moved",
    "note_renumbered",
    "note_only_zh",
    "note_only_en",
    "note_translation_unchanged",
    "note_reference",
    "note_formerly",
    "place_in_parent",
    "place_nth",
    "place_cited",
    "link_targets",
    "no_link",
    "notice_now",
    "colon",
    "heading_permalink",
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "feed_dates",
    "document_feed_title",
    "site_feed_link_title",
    "document_feed_link_title",
    "download_text",
    "print_permanent",
    "print_date",
    "number_clause",
    "number_item",
    "cite_section",
    "version_label",
    "prominent_label",
    "prominent_list",
    "prominent_changed",
    "prominent_joiner",
    "note_prominent_on",
    "note_prominent_off",
    "source_date",
    "month_year",
    "cite_clause",
    "cite_item",
    "cite_annex",
    "end_matter",
    "cite_subitem",
    "cite_subsubitem",
    "kind_title",
    "kind_section",
    "kind_clause",
    "kind_list",
    "kind_item",
    "kind_table",
    "kind_row",
    "kind_verbatim",
    "markup_only",
    "preamble",
    "title_element",
    "list_style_ordered",
    "list_style_bulleted",
    "bilingual",
    "download_pdf",
    "download_changes_pdf",
    "page_of",
    "version_of",
    "status_as_of",
    "permanent_url",
    "text_sha256",
    "status_note",
    "redline_title",
    "docx_author",
    "download_docx",
    "download_changes_docx",
    "legend",
    "legend_deleted",
    "legend_inserted",
    "previous_url",
    "changed_mark",
    "upcoming_changed",
    "upcoming_removed",
    "upcoming_new_text",
    "upcoming_redline",
    "search_upcoming",
    "banner_replaced",
    "banner_replaced_link",
    "date",
    "month_1",
    "month_2",
    "month_3",
    "month_4",
    "month_5",
    "month_6",
    "month_7",
    "month_8",
    "month_9",
    "month_10",
    "month_11",
    "month_12",
    "bilingual_title",
    "at_date",
    "at_date_title",
    "at_date_intro",
    "at_date_all",
    "date_label",
    "go",
    "at_date_found",
    "at_date_none",
    "at_date_invalid",
    "at_date_read",
    "nav_versions",
    "nav_version",
    "permalink_version",
    "permalink_current",
    "until",
    "today_on",
    "from_date",
    "same_text",
    "compare",
    "compare_title",
    "compare_intro",
    "from_version",
    "to_version",
    "compare_button",
    "compare_failed",
    "compare_unknown",
    "compare_between",
    "compare_swapped",
    "clause_history",
    "clause_history_title",
    "clause_history_intro",
    "clause_history_link",
    "clause_since_first",
    "clause_unchanged",
    "clause_earlier",
    "clause_year_title",
    "clause_year_intro",
    "clause_added_in",
    "clause_upcoming_in",
    "needs_js",
    "summary_heading",
    "summary_column",
    "summary_prefix",
    "kind_substantive",
    "kind_editorial",
    "in_force_until",
    "in_force_until_none",
    "change_count",
    "notice_upcoming",
    "notice_new_text",
    "notice_redline",
    "subscribe",
    "removed_notice",
    "removed_last_link",
    "removed_changes_link",
    "clause_last_in",
    "clause_links_keys",
    "ledger",
    "ledger_title",
    "ledger_intro",
    "ledger_holds_text",
    "ledger_holds_pdf",
    "ledger_holds_changes_pdf",
    "ledger_holds_docx",
    "ledger_holds_changes_docx",
    "list_last_joiner",
    "ledger_before",
    "ledger_json",
    "ledger_link",
    "ledger_file",
    "ledger_size",
    "ledger_first_served",
    "ledger_not_recorded",
    "ledger_kind_text",
    "ledger_kind_pdf",
    "ledger_kind_changes_pdf",
    "ledger_kind_docx",
    "ledger_kind_changes_docx",
    "ledger_sha256",
    "ledger_language",
    "ledger_document_title",
    "ledger_document_intro",
    "ledger_document",
    "ledger_files",
    "ledger_first_day",
    "ledger_last_day",
    "ledger_all",
    "notice_rule_working_days",
    "notice_rule_days",
    "period_working_day",
    "period_working_days",
    "period_day",
    "period_days",
    "notice_published",
    "home_nothing_yet",
    "home_coming",
]
"""A key of :class:`Words` (``tests/test_strings.py`` checks the two name the same keys)."""

KEYS: frozenset[str] = frozenset(get_args(Key))

STRINGS: dict[Lang, Words] = {
    "zh": {
        "site_name": "法律文件",
        "home_title": "法律文件",
        "home_intro": "以下是我们的法律文件。每份文件均可查看现行版本、历史版本及各版本的变更。",
        "last_updated": "最后更新日期:{date}",
        "effective": "生效日期",
        "published": "发布日期",
        "status": "状态",
        "version": "版本",
        "links": "链接",
        "status_current": "现行有效",
        "status_upcoming": "即将生效",
        "status_archived": "已失效",
        "history": "历史版本",
        "history_title": "{title}：历史版本",
        "history_intro": "本页列出《{title}》已发布的全部版本。{rule}",
        "changes": "变更",
        "changes_title": "{title}（{date}版）变更内容",
        "no_changes_link": "首个版本",
        "current_version": "现行版本",
        "permanent_link": "本版本永久链接",
        "version_title": "{title}（{date}版）",
        "banner_archived": "这是已失效的历史版本（生效于{effective}）。"
        "现行版本自{current_effective}起生效：",
        "banner_archived_link": "查看现行版本",
        "banner_upcoming": "此版本将于{effective}生效，在此之前现行版本仍然有效。",
        "banner_upcoming_now": "此版本已于{effective}生效。",
        "banner_none": "本文件尚无生效版本。",
        "feed_title": "{site}：版本更新",
        "stale_build": "本站应于{date}更新页面，但至今没有更新：页面上显示的版本状态可能已经过时。"
        "（本站维护者：GitHub 可能已停用每日发布的工作流程，请在代码库的 Actions 页面选择 publish，"
        "点击“Enable workflow”重新启用，再手动运行一次。）",
        "governing": "本文件的{governing}文本与{other}文本如有不一致，以{governing}文本为准。",
        "document_effective_since": "自{date}起生效",
        "latest_change": "最近变更：{date}",
        "compared_with": "与{date}版相比",
        "full_text": "本版全文",
        "previous_version": "上一版本",
        "summary": "共{total}处变更：{counts}。",
        "count_changed": "修改{n}处",
        "count_added": "新增{n}处",
        "count_removed": "删除{n}处",
        "count_moved": "移动{n}处",
        "count_moved_changed": "移动并修改{n}处",
        "count_renumbered": "重新编号{n}处",
        "count_joiner": "，",
        "list_joiner": "、",
        "sections_touched": "涉及章节：",
        "no_changes": "与上一版本相比，文本没有变化。",
        "unchanged_collapsed": "{count}项未变更（展开）",
        "label_added": "新增",
        "label_removed": "删除",
        "label_changed": "修改",
        "label_moved": "移动",
        "label_moved_changed": "移动并修改",
        "label_renumbered": "重新编号",
        "label_left": "移出至",
        "note_moved": "（从{old}移至{new}）",
        "note_renumbered": "（{old} → {new}）",
        "note_only_zh": "（中文文本已修改，英文文本不变）",
        "note_only_en": "（英文文本已修改，中文文本不变）",
        "note_translation_unchanged": "（编辑声明：另一语言文本无需修改）",
        "note_reference": "（引用的{old}现为{new}）",
        "note_formerly": "（原{old}）",
        "place_in_parent": "{place} {parent}",
        "place_nth": "第{n}位",
        "place_cited": "{place}{number}",
        "link_targets": "链接地址：{old} → {new}",
        "no_link": "无",
        "notice_now": "新版本已于{date}生效。",
        "colon": "：",
        "heading_permalink": "链接到本节",
        "not_found_title": "找不到此页面",
        "not_found_text": "您要找的页面不存在，可能已移动或地址有误。",
        "not_found_home": "返回首页",
        "feed_dates": "生效日期：{effective}；发布日期：{published}。",
        "document_feed_title": "{title}：版本更新",
        "site_feed_link_title": "全部法律文件的版本更新（Atom）",
        "document_feed_link_title": "{title}的版本更新（Atom）",
        "download_text": "下载规范文本",
        "print_permanent": "本页永久网址：{url}",
        "print_date": "打印日期：{date}",
        "number_clause": "第{n}款",
        "number_item": "第{n}项",
        "cite_section": "第{n}条",
        "version_label": "版本号",
        "prominent_label": "重要条款",
        "prominent_list": "本协议的重要条款",
        "prominent_changed": "本次修订涉及重要条款：{terms}",
        "prominent_joiner": "、",
        "note_prominent_on": "（标为重要条款）",
        "note_prominent_off": "（不再标为重要条款）",
        "source_date": "原文日期",
        "month_year": "{year}年{month}月",
        "cite_clause": "{parent}第{n}款",
        "cite_item": "{parent}第{n}项",
        "cite_annex": "附件{n}",
        "end_matter": "结尾部分",
        "cite_subitem": "{parent}第{n}目",
        "cite_subsubitem": "{parent}第{n}点",
        "kind_title": "标题",
        "kind_section": "章节",
        "kind_clause": "条款",
        "kind_list": "列表",
        "kind_item": "列表项",
        "kind_table": "表格",
        "kind_row": "表格行",
        "kind_verbatim": "原样文本",
        "markup_only": "（仅链接或格式变更）",
        "preamble": "序言",
        "title_element": "标题",
        "list_style_ordered": "编号列表",
        "list_style_bulleted": "项目列表",
        "bilingual": "中英对照",
        "download_pdf": "下载 PDF",
        "download_changes_pdf": "下载变更对照 PDF",
        "page_of": "第 {page} 页 共 {pages} 页",
        "version_of": "{date}版",
        "status_as_of": "状态（截至{date}）",
        "permanent_url": "本版本永久网址",
        "text_sha256": "规范文本 SHA-256",
        "status_note": "各版本的最新状态见：",
        "redline_title": "{title}（{date}版）变更对照",
        "docx_author": "变更对照",
        "download_docx": "下载 Word 文档",
        "download_changes_docx": "下载变更对照 Word 文档",
        "legend": "图例：删除的文字加删除线并置于方括号内，如 {deleted}；"
        "新增的文字加粗并加下划线，如 {inserted}。",
        "legend_deleted": "删除",
        "legend_inserted": "新增",
        "previous_url": "上一版本永久网址",
        "changed_mark": "本条已修改，查看变更",
        "upcoming_changed": "本条自{date}起修改：",
        "upcoming_removed": "本条自{date}起删除：",
        "upcoming_new_text": "新文本",
        "upcoming_redline": "变更",
        "search_upcoming": "{date}起生效的新版本 · {title}",
        "banner_replaced": "此版本已被{date}生效的新版本取代：",
        "banner_replaced_link": "查看新版本",
        "date": "{year}年{month}月{day}日",
        "month_1": "1",
        "month_2": "2",
        "month_3": "3",
        "month_4": "4",
        "month_5": "5",
        "month_6": "6",
        "month_7": "7",
        "month_8": "8",
        "month_9": "9",
        "month_10": "10",
        "month_11": "11",
        "month_12": "12",
        "bilingual_title": "{title}（{date}版）中英对照",
        "at_date": "按日期查询",
        "at_date_title": "{title}：查询某日有效的版本",
        "at_date_intro": "选择一个日期，查看当天有效的版本。",
        "at_date_all": "每个版本及其有效期间：",
        "date_label": "日期",
        "go": "查看",
        "at_date_found": "{date}有效的版本：{effective}起生效的版本。",
        "at_date_none": "{date}没有有效的版本：本文件的首个版本自{first}起生效。",
        "at_date_invalid": "链接中的日期不存在或格式不对：请选择{earliest}至{latest}之间的日期。",
        "at_date_read": "阅读该版本",
        "nav_versions": "各版本",
        "nav_version": "{date}版",
        "permalink_version": "永久链接：本条在此版本中的文本（不随新版本改变）",
        "permalink_current": "链接到本条的现行文本（随新版本更新）",
        "until": "至",
        "today_on": "今",
        "from_date": "自{date}起",
        "same_text": "两个版本的文本相同。",
        "compare": "比较版本",
        "compare_title": "{title}：比较任意两个版本",
        "compare_intro": "选择两个版本，查看其间的全部变更。",
        "from_version": "旧版本",
        "to_version": "新版本",
        "compare_button": "比较",
        "compare_failed": "无法载入所选版本，请检查网络连接后重试。",
        "compare_unknown": "链接中所指的版本不属于本文件，下面比较的是最近一次修订。",
        "compare_between": "{old}版 → {new}版",
        "compare_swapped": "已按日期调整：较早的版本在左侧。",
        "clause_history": "条款修订历史",
        "clause_history_title": "{title}：条款修订历史",
        "clause_history_intro": "本页按条款列出《{title}》在各已发布版本中的新增、修改、移动、重"
        "新编号和删除，每一项均链接到该版本变更页面中的相应位置。",
        "clause_history_link": "本条修订历史",
        "clause_since_first": "收录于{date}版（首个版本）",
        "clause_unchanged": "自收录以来未变更。",
        "clause_earlier": "更早的修订",
        "clause_year_title": "{title}：{year}年的条款修订",
        "clause_year_intro": "本页按条款列出《{title}》在{year}年生效的版本中的修订"
        "（各条款最近一次修订见条款修订历史页）。",
        "clause_added_in": "{date}版",
        "clause_upcoming_in": "{date}起生效的新版本",
        "needs_js": "此功能需要启用 JavaScript；也可以在历史版本页面查看每个版本的变更。",
        "summary_heading": "变更摘要",
        "summary_column": "变更摘要",
        "summary_prefix": "变更摘要：{text}",
        "kind_substantive": "实质性变更",
        "kind_editorial": "文字性修改",
        "in_force_until": "有效至",
        "in_force_until_none": "—",
        "change_count": "变更处数",
        "notice_upcoming": "新版本将于{date}生效。",
        "notice_new_text": "阅读新版本",
        "notice_redline": "查看变更",
        "subscribe": "订阅更新",
        "removed_notice": "此版本中没有您链接的条款（{id}）：该条款最后见于{last}版，"
        "已在{removed}版中删除。",
        "removed_last_link": "阅读{last}版中的该条款",
        "removed_changes_link": "查看删除该条款的变更（{removed}版）",
        "clause_last_in": "最后见于{date}版",
        "clause_links_keys": "用上、下方向键在条款之间移动；用左、右方向键在本条的链接之间切换。",
        "ledger": "发布记录",
        "ledger_title": "发布记录",
        "ledger_intro": "本站作为凭证提供的每个文件（{files}）及其 SHA-256、大小和首次提供的日期，"
        "列于其所属文档的发布记录页（见下表）。"
        "记录只增不改：已列出的文件不会被更改或删除，以后的构建原样提供这些文件。",
        "ledger_holds_text": "各版本的规范文本",
        "ledger_holds_pdf": "PDF 的每一版次",
        "ledger_holds_changes_pdf": "修订对照 PDF",
        "ledger_holds_docx": "Word 文档",
        "ledger_holds_changes_docx": "修订对照 Word 文档",
        "list_last_joiner": "、",
        "ledger_before": "本记录始于{date}。在此之前已发布的版本，其文件首次提供的日期未被记录"
        "（下表中标为“未记录”）；对这些文件，记录的是本记录开始之日（{date}）已提供它们，"
        "以及各版本自身所述的发布日期。",
        "ledger_json": "机器可读的记录：",
        "ledger_link": "每个文件首次提供的日期及其 SHA-256 见本站的发布记录。",
        "ledger_file": "文件",
        "ledger_size": "大小（字节）",
        "ledger_first_served": "首次提供",
        "ledger_not_recorded": "未记录（早于本记录）",
        "ledger_kind_text": "规范文本",
        "ledger_kind_pdf": "PDF（状态：{status}，截至{date}）",
        "ledger_kind_changes_pdf": "修订对照 PDF",
        "ledger_kind_docx": "Word 文档",
        "ledger_kind_changes_docx": "修订对照 Word 文档（修订标记）",
        "ledger_sha256": "SHA-256",
        "ledger_language": "语言",
        "ledger_document_title": "发布记录：{title}",
        "ledger_document_intro": "本页列出本站作为《{title}》的凭证提供的每个文件"
        "（{files}）及其 SHA-256、大小和首次提供的日期，"
        "按版本生效的年份分组，新版本在前。记录只增不改：已列出的文件不会被更改或删除，以后的构建原样提供这些文件。",
        "ledger_document": "文档",
        "ledger_files": "文件数",
        "ledger_first_day": "最早首次提供",
        "ledger_last_day": "最近首次提供",
        "ledger_all": "全部文档的发布记录",
        "notice_rule_working_days": "新版本在生效日前{period}发布。",
        "notice_rule_days": "新版本在生效前至少公示{period}：自发布的次日起算，"
        "最后一日是法定休假日的，以休假日结束的次日为最后一日"
        "（《民法典》第二百零一条、第二百零三条）。",
        "period_working_day": "一个工作日",
        "period_working_days": "{n}个工作日",
        "period_day": "一日",
        "period_days": "{n}日",
        "notice_published": "新版本于{date}发布。{rule}",
        "home_nothing_yet": "目前还没有已发布的文件。",
        "home_coming": "第一份文件将于{published}发布，自{effective}起生效。",
    },
    "en": {
        "site_name": "Legal documents",
        "home_title": "Legal documents",
        "home_intro": "Our legal documents. For each one you can read the version in force, "
        "every past version and what changed in each.",
        "last_updated": "Last Updated: {date}",
        "effective": "Effective",
        "published": "Published",
        "status": "Status",
        "version": "Version",
        "links": "Links",
        "status_current": "In force",
        "status_upcoming": "Upcoming",
        "status_archived": "Archived",
        "history": "Version history",
        "history_title": "{title}: version history",
        "history_intro": "Every published version of the {title}. {rule}",
        "changes": "Changes",
        "changes_title": "{title}: changes in the version of {date}",
        "no_changes_link": "First version",
        "current_version": "Current version",
        "permanent_link": "Permanent link to this version",
        "version_title": "{title} (version of {date})",
        "banner_archived": "This is an archived version (effective {effective}). The current "
        "version has been in force since {current_effective}:",
        "banner_archived_link": "read the current version",
        "banner_upcoming": "This version takes effect on {effective}; until then the current "
        "version remains in force.",
        "banner_upcoming_now": "This version took effect on {effective}.",
        "banner_none": "This document has no version in force yet.",
        "feed_title": "{site}: new versions",
        "stale_build": "This site should have been updated on {date} and has not been since: the "
        "statuses shown may be out of date. (For the site's maintainers: GitHub may have "
        "disabled the daily publish workflow; re-enable it in the repository's Actions tab, "
        "publish → Enable workflow, then run it once by hand.)",
        "governing": "If the {governing} and {other} texts differ, the {governing} text prevails.",
        "document_effective_since": "in force since {date}",
        "latest_change": "latest change: {date}",
        "compared_with": "Compared with the version of {date}",
        "full_text": "Full text of this version",
        "previous_version": "Previous version",
        "summary": "Changes: {total} ({counts}).",
        "count_changed": "{n} changed",
        "count_added": "{n} added",
        "count_removed": "{n} removed",
        "count_moved": "{n} moved",
        "count_moved_changed": "{n} moved and changed",
        "count_renumbered": "{n} renumbered",
        "count_joiner": ", ",
        "list_joiner": ", ",
        "sections_touched": "Sections touched:",
        "no_changes": "The text is the same as in the previous version.",
        "unchanged_collapsed": "{count} unchanged (show)",
        "label_added": "Added",
        "label_removed": "Removed",
        "label_changed": "Changed",
        "label_moved": "Moved",
        "label_moved_changed": "Moved and changed",
        "label_renumbered": "Renumbered",
        "label_left": "Moved to",
        "note_moved": "(moved from {old} to {new})",
        "note_renumbered": "({old} → {new})",
        "note_only_zh": "(Chinese text changed; English unchanged)",
        "note_only_en": "(English text changed; Chinese unchanged)",
        "note_translation_unchanged": "(the editors state the other language needs no change)",
        "note_reference": "(the reference to {old} now reads {new})",
        "note_formerly": "(formerly {old})",
        "place_in_parent": "{place} {parent}",
        "place_nth": "position {n}",
        "place_cited": "{place}, {number}",
        "link_targets": "link targets: {old} → {new}",
        "no_link": "none",
        "notice_now": "A new version took effect on {date}.",
        "colon": ": ",
        "heading_permalink": "Link to this section",
        "not_found_title": "Page not found",
        "not_found_text": "The page you asked for does not exist: it may have moved, or the "
        "address may be wrong.",
        "not_found_home": "Go to the home page",
        "feed_dates": "Effective: {effective}; Published: {published}.",
        "document_feed_title": "{title}: new versions",
        "site_feed_link_title": "New versions of every legal document (Atom)",
        "document_feed_link_title": "New versions of the {title} (Atom)",
        "download_text": "Download the canonical text",
        "print_permanent": "Permanent address of this page: {url}",
        "print_date": "Printed on {date}",
        "number_clause": "paragraph {n}",
        "number_item": "item {n}",
        "cite_section": "Section {n}",
        "version_label": "Version",
        "prominent_label": "Important term",
        "prominent_list": "Important terms in this agreement",
        "prominent_changed": "This revision changes important terms: {terms}",
        "prominent_joiner": "; ",
        "note_prominent_on": "(now marked as an important term)",
        "note_prominent_off": "(no longer marked as an important term)",
        "source_date": "Source date",
        "month_year": "{month} {year}",
        "cite_clause": "{parent}, paragraph {n}",
        "cite_item": "{parent}({n})",
        "cite_annex": "Annex {n}",
        "end_matter": "End matter",
        "cite_subitem": "{parent}({n})",
        "cite_subsubitem": "{parent}({n})",
        "kind_title": "title",
        "kind_section": "section",
        "kind_clause": "clause",
        "kind_list": "list",
        "kind_item": "list item",
        "kind_table": "table",
        "kind_row": "table row",
        "kind_verbatim": "verbatim text",
        "markup_only": "(link or formatting only)",
        "preamble": "Preamble",
        "title_element": "Title",
        "list_style_ordered": "numbered list",
        "list_style_bulleted": "bulleted list",
        "bilingual": "中文 / English side by side",
        "download_pdf": "Download PDF",
        "download_changes_pdf": "Download the redline PDF",
        "page_of": "Page {page} of {pages}",
        "version_of": "Version of {date}",
        "status_as_of": "Status (as of {date})",
        "permanent_url": "Permanent address of this version",
        "text_sha256": "SHA-256 of the canonical text",
        "status_note": "The current status of every version:",
        "redline_title": "{title}: redline of the version of {date}",
        "docx_author": "Redline",
        "download_docx": "Download as Word",
        "download_changes_docx": "Download the Word redline",
        "legend": "Legend: deleted text is struck through and in square brackets, as in "
        "{deleted}; inserted text is bold and underlined, as in {inserted}.",
        "legend_deleted": "deleted",
        "legend_inserted": "inserted",
        "previous_url": "Permanent address of the previous version",
        "changed_mark": "Changed in this version: see the redline",
        "upcoming_changed": "Changes on {date}:",
        "upcoming_removed": "Removed on {date}:",
        "upcoming_new_text": "new text",
        "upcoming_redline": "redline",
        "search_upcoming": "Upcoming, in force from {date} · {title}",
        "banner_replaced": "This version was replaced by the version in force since {date}:",
        "banner_replaced_link": "read the new version",
        "date": "{month} {day}, {year}",
        "month_1": "January",
        "month_2": "February",
        "month_3": "March",
        "month_4": "April",
        "month_5": "May",
        "month_6": "June",
        "month_7": "July",
        "month_8": "August",
        "month_9": "September",
        "month_10": "October",
        "month_11": "November",
        "month_12": "December",
        "bilingual_title": "{title} (version of {date}), 中文 / English",
        "at_date": "Version on a date",
        "at_date_title": "{title}: the version in force on a date",
        "at_date_intro": "Pick a date to read the version that was in force that day.",
        "at_date_all": "Every version and when it was in force:",
        "date_label": "Date",
        "go": "Show",
        "at_date_found": "In force on {date}: the version effective {effective}.",
        "at_date_none": "No version was in force on {date}: the first version took effect on "
        "{first}.",
        "at_date_invalid": "The date in the link does not exist or is not written as a date: "
        "choose one between {earliest} and {latest}.",
        "at_date_read": "Read that version",
        "nav_versions": "Versions",
        "nav_version": "Version of {date}",
        "permalink_version": "Permanent link: this clause in this version (never changes)",
        "permalink_current": "Link to this clause, current (follows new versions)",
        "until": "to",
        "today_on": "today",
        "from_date": "from {date}",
        "same_text": "The two versions have the same text.",
        "compare": "Compare versions",
        "compare_title": "{title}: compare any two versions",
        "compare_intro": "Pick two versions to see everything that changed between them.",
        "from_version": "Older version",
        "to_version": "Newer version",
        "compare_button": "Compare",
        "compare_failed": "The versions could not be loaded; check your connection and try again.",
        "compare_unknown": "The link names a version this document does not have; shown below is "
        "its latest change.",
        "compare_between": "From the version of {old} to the version of {new}",
        "compare_swapped": "Put in date order: the older version is on the left.",
        "clause_history": "History of each clause",
        "clause_history_title": "{title}: history of each clause",
        "clause_history_intro": "For each clause of the {title}, the published versions in which "
        "it was added, changed, moved, renumbered or removed, each linked to that version's "
        "redline.",
        "clause_history_link": "History of this clause",
        "clause_since_first": "In the version of {date} (the first)",
        "clause_unchanged": "Unchanged since.",
        "clause_earlier": "Earlier changes",
        "clause_year_title": "{title}: changes to its clauses in {year}",
        "clause_year_intro": "For each clause of the {title}, its changes in the versions that "
        "took effect in {year} (each clause's latest change is on the history of each clause).",
        "clause_added_in": "version of {date}",
        "clause_upcoming_in": "upcoming version, in force from {date}",
        "needs_js": "This needs JavaScript; the version history lists the changes of each version.",
        "summary_heading": "Summary of changes",
        "summary_column": "Summary",
        "summary_prefix": "Summary: {text}",
        "kind_substantive": "Substantive change",
        "kind_editorial": "Editorial change",
        "in_force_until": "In force until",
        "in_force_until_none": "—",
        "change_count": "Changes",
        "notice_upcoming": "A new version takes effect on {date}.",
        "notice_new_text": "Read the new version",
        "notice_redline": "See what changes",
        "subscribe": "Subscribe to changes",
        "removed_notice": "The clause you linked to ({id}) is no longer in this version: it was "
        "last in the version of {last} and was removed in the version of {removed}.",
        "removed_last_link": "Read it in the version of {last}",
        "removed_changes_link": "See the change that removed it (version of {removed})",
        "clause_last_in": "Last in the version of {date}",
        "clause_links_keys": "Up and down arrow keys: the previous or next clause; left and "
        "right: this clause's other links.",
        "ledger": "Publication ledger",
        "ledger_title": "Publication ledger",
        "ledger_intro": "Every file this site serves as evidence ({files}), with its SHA-256, its "
        "size and the day it was first served, is listed on the ledger page of its document "
        "(below). The ledger only grows: a file listed here is never changed or removed, and "
        "later builds serve it as it was.",
        "ledger_holds_text": "each version's canonical text",
        "ledger_holds_pdf": "each edition of its PDF",
        "ledger_holds_changes_pdf": "its redline PDF",
        "ledger_holds_docx": "its Word document",
        "ledger_holds_changes_docx": "its Word redline",
        "list_last_joiner": " and ",
        "ledger_before": "This ledger began on {date}. For versions published before then, the "
        'day their files were first served was not recorded (marked "not recorded" below); '
        "what is recorded instead is that the site served them on {date}, when the ledger "
        "began, and each version's publication date as the version states it.",
        "ledger_json": "The ledger, machine-readable: ",
        "ledger_link": "The publication ledger lists when each file was first served, and its "
        "SHA-256.",
        "ledger_file": "File",
        "ledger_size": "Size (bytes)",
        "ledger_first_served": "First served",
        "ledger_not_recorded": "not recorded (before the ledger)",
        "ledger_kind_text": "canonical text",
        "ledger_kind_pdf": "PDF (status: {status}, as of {date})",
        "ledger_kind_changes_pdf": "redline PDF",
        "ledger_kind_docx": "Word document",
        "ledger_kind_changes_docx": "Word redline (tracked changes)",
        "ledger_sha256": "SHA-256",
        "ledger_language": "Language",
        "ledger_document_title": "Publication ledger: {title}",
        "ledger_document_intro": "Every file this site serves as evidence of the {title} "
        "({files}), with its SHA-256, "
        "its size and the day it was first served, grouped by the year each version took "
        "effect, newest first. The ledger only grows: a file listed here is never changed or "
        "removed, and later builds serve it as it was.",
        "ledger_document": "Document",
        "ledger_files": "Files",
        "ledger_first_day": "First file first served",
        "ledger_last_day": "Latest file first served",
        "ledger_all": "The publication ledger of every document",
        "notice_rule_working_days": "A new version is published {period} before it takes effect.",
        "notice_rule_days": "A new version is published at least {period} before it takes "
        "effect, counted from the day after its publication; when the last day is a public "
        "holiday or a rest day, the period ends on the next working day (Civil Code of the "
        "PRC, Articles 201 and 203).",
        "period_working_day": "one working day",
        "period_working_days": "{n} working days",
        "period_day": "one day",
        "period_days": "{n} days",
        "notice_published": "The new version was published on {date}. {rule}",
        "home_nothing_yet": "No document is published yet.",
        "home_coming": "The first document will be published on {published} and take effect "
        "on {effective}.",
    },
}


def t(lang: Lang, key: Key, **values: str) -> str:
    """The word ``key`` of ``lang`` with its ``{placeholders}`` filled in."""
    return STRINGS[lang][key].format(**values)


def keyed(prefix: str, name: str) -> Key:
    """The key ``prefix_name`` of a family (``status_current``, ``label_moved``...), for a name
    known only at run time; a name with no word is a KeyError here, not a blank on a page."""
    key = f"{prefix}_{name}"
    if key not in KEYS:
        raise KeyError(key)
    return cast(Key, key)


SCRIPT_KEYS: tuple[Key, ...] = (
    "banner_upcoming_now",
    "banner_replaced",
    "banner_replaced_link",
    "status_current",
    "status_archived",
)
"""The words ``legalsite.js`` needs (the compare and at-date pages carry theirs in their form)."""


def format_date(lang: Lang, day: date) -> str:
    """2024年1月1日 / January 1, 2024: the ``date`` pattern with the ``month_N`` word."""
    month = STRINGS[lang][keyed("month", str(day.month))]
    return t(lang, "date", year=str(day.year), month=month, day=str(day.day))


def format_month(lang: Lang, year: int, month: int) -> str:
    """2020年1月 / January 2020: a month without its day (a source's own date, issue 24)."""
    return t(lang, "month_year", year=str(year), month=STRINGS[lang][keyed("month", str(month))])


def format_source_date(lang: Lang, source: SourceDate) -> str:
    """A source's own date as the language writes it: 2020年1月 / January 2020 for a month,
    the whole date when it names the day."""
    if source.day is None:
        return format_month(lang, source.year, source.month)
    return format_date(lang, date(source.year, source.month, source.day))


def script_words(lang: Lang) -> dict[str, Any]:
    """The words of ``legalsite.js`` for one language (with the month names its dates use)."""
    words = STRINGS[lang]
    return {
        "text": {key: words[key] for key in SCRIPT_KEYS},
        "date": words["date"],
        "months": [words[keyed("month", str(n))] for n in range(1, 13)],
    }
