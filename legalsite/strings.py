"""Every word the site itself says, in both languages (the agreement's words are in the YAML)."""

from __future__ import annotations

from legalsite.model import Lang

STRINGS: dict[Lang, dict[str, str]] = {
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
        "history_title": "{title}:历史版本",
        "history_intro": "本页列出《{title}》已发布的全部版本。新版本在生效日前一个工作日发布。",
        "view": "查看",
        "changes": "变更",
        "changes_title": "{title}({date}版)变更内容",
        "no_changes_link": "首个版本",
        "current_version": "现行版本",
        "version_title": "{title}({date}版)",
        "banner_archived": "这是已失效的历史版本(生效于{effective})。"
        "现行版本自{current_effective}起生效:",
        "banner_archived_link": "查看现行版本",
        "banner_upcoming": "此版本将于{effective}生效,在此之前现行版本仍然有效。",
        "banner_upcoming_now": "此版本已于{effective}生效。",
        "banner_none": "本文件尚无生效版本。",
        "permalink": "链接到此处",
        "feed_title": "{site}:版本更新",
        "feed_link": "订阅更新(Atom)",
        "stale_build": "本站点应于{date}更新,但尚未重新构建。显示的状态可能已过时。",
        "document_current": "现行版本",
        "document_effective_since": "自{date}起生效",
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
        "history_intro": "Every published version of the {title}. A new version is published "
        "one working day before it takes effect.",
        "view": "Read",
        "changes": "Changes",
        "changes_title": "{title}: changes in the version of {date}",
        "no_changes_link": "First version",
        "current_version": "Current version",
        "version_title": "{title} (version of {date})",
        "banner_archived": "This is an archived version (effective {effective}). The current "
        "version has been in force since {current_effective}:",
        "banner_archived_link": "read the current version",
        "banner_upcoming": "This version takes effect on {effective}; until then the current "
        "version remains in force.",
        "banner_upcoming_now": "This version took effect on {effective}.",
        "banner_none": "This document has no version in force yet.",
        "permalink": "Link to this clause",
        "feed_title": "{site}: new versions",
        "feed_link": "Subscribe to updates (Atom)",
        "stale_build": "This site should have been updated on {date} but has not been rebuilt "
        "since. The statuses shown may be out of date.",
        "document_current": "Current version",
        "document_effective_since": "in force since {date}",
    },
}


def t(lang: Lang, key: str, **values: str) -> str:
    return STRINGS[lang][key].format(**values)
