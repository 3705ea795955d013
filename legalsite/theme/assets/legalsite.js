/* legalsite: small progressive enhancements. The pages work without JavaScript. */
(function () {
  "use strict";

  /* The page's words, from the site's one catalogue (legalsite/model/words.py, written into the
     page by the plugin): this script has none of its own. */
  var wordsMeta = document.querySelector('meta[name="legalsite:words"]');
  var WORDS = wordsMeta ? JSON.parse(wordsMeta.getAttribute("content")) : null;

  /* Material fetches sitemap.xml beside every <link rel="alternate"> of the head (for its
     language switch); beside a feed there is none: a 404 on every page. Feed readers read the
     HTML as served; in the page each feed's rel gains "feed" (still an alternate), which
     Material's exact [rel=alternate] passes over. This runs before DOMContentLoaded, when
     Material looks. */
  Array.prototype.forEach.call(
    document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]'),
    function (link) { link.relList.add("feed"); }
  );

  /* Today's date in the site's time zone (the plugin's `timezone` option, shipped with the
     words), as YYYY-MM-DD, from the reader's clock. */
  function todayInSiteZone() {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: WORDS.timezone,
      year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date());
    var get = function (type) {
      return parts.filter(function (p) { return p.type === type; })[0].value;
    };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  /* The catalogue's `date` pattern with its `month_N` words (legalsite.model.words.format_date). */
  function formatDate(iso) {
    var d = iso.split("-").map(Number);
    return fill(WORDS.date, { year: String(d[0]), month: WORDS.months[d[1] - 1], day: String(d[2]) });
  }

  /* Correct the status banner, and the status in the dates box, when the reader's date is past
     what the build knew. */
  function correctBanner(today) {
    var banner = document.querySelector(".ls-banner[data-status]");
    var label = document.querySelector(".ls-version-meta .ls-status");
    if (!banner || !WORDS) return;
    var effective = banner.getAttribute("data-effective");
    var next = banner.getAttribute("data-next-effective");
    var nextUrl = banner.getAttribute("data-next-url");
    var status = banner.getAttribute("data-status");
    var text = WORDS.text;
    if (next && today >= next && status !== "archived") {
      banner.hidden = false;
      banner.className = "ls-banner ls-banner-warning";
      banner.textContent = "";
      var p = document.createElement("p");
      p.textContent = fill(text.banner_replaced, { date: formatDate(next) }) + " ";
      var a = document.createElement("a");
      a.href = nextUrl;
      a.textContent = text.banner_replaced_link;
      p.appendChild(a);
      banner.appendChild(p);
      banner.setAttribute("data-status", "archived");
      if (label) label.textContent = text.status_archived;
    } else if (status === "upcoming" && today >= effective) {
      banner.className = "ls-banner ls-banner-info";
      banner.textContent = "";
      var q = document.createElement("p");
      q.textContent = fill(text.banner_upcoming_now, { effective: formatDate(effective) });
      banner.appendChild(q);
      banner.setAttribute("data-status", "current");
      if (label) label.textContent = text.status_current;
    }
  }

  /* Keep the reader's place (#clause) when switching language. */
  function keepAnchorOnLanguageSwitch() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[hreflang]");
      if (!link || !window.location.hash || link.href.indexOf("#") >= 0) return;
      link.href = link.href + window.location.hash;
    });
  }

  /* Warn when the day the site had to change has passed without a rebuild (missed schedule). */
  function warnIfStale(today) {
    var meta = document.querySelector('meta[name="legalsite:next-change"]');
    var inner = document.querySelector(".md-content__inner");
    if (!meta || !inner || document.querySelector(".ls-stale")) return;
    if (!(today > meta.getAttribute("content"))) return;
    var note = document.createElement("div");
    note.className = "ls-banner ls-banner-warning ls-stale";
    note.setAttribute("role", "status");
    var p = document.createElement("p");
    p.textContent = meta.getAttribute("data-message");
    note.appendChild(p);
    inner.insertBefore(note, inner.firstChild);
  }

  /* The upcoming-version notice, built until the effective date: once the reader's date has
     reached it, its lead says the new version is in force (the words are in data-now). */
  function correctNotices(today) {
    Array.prototype.forEach.call(document.querySelectorAll(".ls-notice[data-effective]"), function (notice) {
      var lead = notice.querySelector("strong");
      if (lead && today >= notice.getAttribute("data-effective")) lead.textContent = notice.getAttribute("data-now");
    });
  }

  /* A printout says the day it was printed (the reader's date; the words in data-print-date). */
  function printDate() {
    Array.prototype.forEach.call(document.querySelectorAll(".ls-print-date"), function (span) {
      span.textContent = " · " + span.getAttribute("data-print-date").replace("{date}", formatDate(todayInSiteZone()));
      span.hidden = false;
    });
  }

  window.legalsite = {
    todayInSiteZone: todayInSiteZone, correctBanner: correctBanner, warnIfStale: warnIfStale,
    formatDate: formatDate, correctNotices: correctNotices
  };
  if (WORDS) {  /* every page of the theme has them; today is a day in their time zone */
    correctBanner(todayInSiteZone());
    warnIfStale(todayInSiteZone());
    correctNotices(todayInSiteZone());
    printDate();
  }
  window.addEventListener("beforeprint", printDate);
  keepAnchorOnLanguageSwitch();
})();

/* The version in force on a date (any two versions compared: legalsite-compare.js). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  /* A day as the build takes one (legalsite.plugin.config.parse_build_date): written
     YYYY-MM-DD, a day of the calendar (not 2024-02-31), between the site's earliest and latest
     dates (legalsite.model.document.EARLIEST and LATEST, given by the page). */
  function isDay(value, earliest, latest) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var p = value.split("-").map(Number);
    var day = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    return day.getUTCFullYear() === p[0] && day.getUTCMonth() === p[1] - 1 &&
      day.getUTCDate() === p[2] && value >= earliest && value <= latest;
  }

  /* The date asked is echoed with the version in force that day, and kept in the address
     (?date=YYYY-MM-DD): a link to the answer that restores it (issue 16). */
  function atDate(form, versions) {
    var result = form.querySelector(".ls-at-date-result");
    var input = form.querySelector("input[type=date]");
    var format = window.legalsite.formatDate;
    form.hidden = false;

    function answer(day) {
      var found = null;
      versions.forEach(function (v) { if (v.effective <= day) found = v; });
      result.textContent = "";
      if (!found) {
        result.textContent = form.getAttribute("data-none").replace("{date}", format(day));
        return;
      }
      result.appendChild(document.createTextNode(form.getAttribute("data-found")
        .replace("{date}", format(day)).replace("{effective}", format(found.effective)) + " "));
      var link = document.createElement("a");
      link.href = found.url;
      link.textContent = form.getAttribute("data-read");
      result.appendChild(link);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var day = input.value;
      var url = new URL(window.location.href);
      url.searchParams.set("date", day);
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
      answer(day);
    });
    var asked = new URLSearchParams(window.location.search).get("date");
    if (asked === null) return;
    if (isDay(asked, form.getAttribute("data-earliest"), form.getAttribute("data-latest"))) {
      input.value = asked;
      answer(asked);
    } else {
      result.textContent = form.getAttribute("data-invalid");
    }
  }

  window.legalsite.isDay = isDay;  /* the tests hold it against the build's rule */
  ready(function () {
    var a = document.querySelector("form.ls-at-date");
    if (!a) return;
    /* The document's versions, a file of their own: the page does not grow with them. */
    fetch(a.getAttribute("data-versions")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json().then(function (list) {
        atDate(a, list.map(function (v) {
          return { effective: v.effective, url: new URL(v.url, r.url).href };
        }));
      });
    }).catch(function () { /* the form stays hidden; the history lists every version */ });
  });
})();

/* The reader's words marked in the search results (issue 25). Material marks only the words
   of the fields it indexes; the index here has one field of its own (the words of each clause,
   segmented by the build: legalsite.plugin.search), so the results would show no mark. Each
   result's words that the query has are marked: a word as typed, in any case; a Chinese
   query's longest pieces (two characters or more) that the result has, left to right. */
(function () {
  "use strict";

  var HAN = /[\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* What to mark in a text of a result, for the query's terms. */
  function needles(terms, text) {
    var found = [], lower = text.toLowerCase();
    terms.forEach(function (term) {
      if (lower.indexOf(term) !== -1 || !HAN.test(term)) { found.push(term); return; }
      for (var i = 0; i < term.length;) {
        var j = term.length;
        while (j - i >= 2 && lower.indexOf(term.slice(i, j)) === -1) j--;
        if (j - i >= 2) { found.push(term.slice(i, j)); i = j; } else { i++; }
      }
    });
    return found.filter(function (n) { return n && lower.indexOf(n) !== -1; });
  }

  function mark(article, terms) {
    var list = needles(terms, article.textContent);
    if (!list.length) return;
    list.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp("(" + list.map(escapeRegExp).join("|") + ")", "gi");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT), nodes = [];
    while (walker.nextNode()) {
      if (!walker.currentNode.parentNode.closest("mark")) nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split(pattern);
      if (parts.length < 2) return;
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part, index) {
        if (!part) return;
        if (index % 2) {
          var m = document.createElement("mark");
          m.textContent = part;
          fragment.appendChild(m);
        } else {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function watch() {
    var input = document.querySelector(".md-search__input");
    var results = document.querySelector(".md-search-result__list");
    if (!input || !results) return;
    new MutationObserver(function () {
      var terms = input.value.toLowerCase().split(/[\s\u3000,，、;；]+/).filter(Boolean);
      Array.prototype.forEach.call(
        results.querySelectorAll(".md-search-result__article:not([data-ls-marked])"),
        function (article) {
          article.setAttribute("data-ls-marked", "");
          if (terms.length) mark(article, terms);
        }
      );
    }).observe(results, { childList: true, subtree: true });
  }

  if (document.readyState !== "loading") watch(); else document.addEventListener("DOMContentLoaded", watch);
})();
