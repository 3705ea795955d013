/* legalsite: small progressive enhancements. The pages work without JavaScript. */
(function () {
  "use strict";

  var lang = document.documentElement.lang === "en" ? "en" : "zh";
  var TEXT = {
    zh: {
      nowCurrent: "此版本已于{date}生效。",
      nowArchived: "此版本已被{date}生效的新版本取代:",
      readNext: "查看新版本",
      current: "现行有效",
      archived: "已失效"
    },
    en: {
      nowCurrent: "This version took effect on {date}.",
      nowArchived: "This version was replaced by the version in force since {date}:",
      readNext: "read the new version",
      current: "In force",
      archived: "Archived"
    }
  };

  /* Today's date in Asia/Shanghai, as YYYY-MM-DD, from the reader's clock. */
  function todayInShanghai() {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date());
    var get = function (type) {
      return parts.filter(function (p) { return p.type === type; })[0].value;
    };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  function formatDate(iso) {
    var d = iso.split("-").map(Number);
    if (lang === "zh") return d[0] + "年" + d[1] + "月" + d[2] + "日";
    var months = ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"];
    return months[d[1] - 1] + " " + d[2] + ", " + d[0];
  }

  /* Correct the status banner, and the status in the dates box, when the reader's date is past
     what the build knew. */
  function correctBanner(today) {
    var banner = document.querySelector(".ls-banner[data-status]");
    var label = document.querySelector(".ls-version-meta .ls-status");
    if (!banner) return;
    var effective = banner.getAttribute("data-effective");
    var next = banner.getAttribute("data-next-effective");
    var nextUrl = banner.getAttribute("data-next-url");
    var status = banner.getAttribute("data-status");
    var text = TEXT[lang];
    if (next && today >= next && status !== "archived") {
      banner.hidden = false;
      banner.className = "ls-banner ls-banner-warning";
      banner.textContent = "";
      var p = document.createElement("p");
      p.textContent = text.nowArchived.replace("{date}", formatDate(next)) + " ";
      var a = document.createElement("a");
      a.href = nextUrl;
      a.textContent = text.readNext;
      p.appendChild(a);
      banner.appendChild(p);
      banner.setAttribute("data-status", "archived");
      if (label) label.textContent = text.archived;
    } else if (status === "upcoming" && today >= effective) {
      banner.className = "ls-banner ls-banner-info";
      banner.textContent = "";
      var q = document.createElement("p");
      q.textContent = text.nowCurrent.replace("{date}", formatDate(effective));
      banner.appendChild(q);
      banner.setAttribute("data-status", "current");
      if (label) label.textContent = text.current;
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

  window.legalsite = {
    todayInShanghai: todayInShanghai, correctBanner: correctBanner, warnIfStale: warnIfStale
  };
  correctBanner(todayInShanghai());
  warnIfStale(todayInShanghai());
  keepAnchorOnLanguageSwitch();
})();

/* The version in force on a date, and any two versions compared (in the browser). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  function atDate(form) {
    var versions = JSON.parse(form.getAttribute("data-versions"));
    var result = form.querySelector(".ls-at-date-result");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var day = form.querySelector("input[type=date]").value;
      var found = null;
      versions.forEach(function (v) { if (v.effective <= day) found = v; });
      if (found) {
        window.location.href = found.url;
      } else {
        result.textContent = form.getAttribute("data-none");
      }
    });
  }

  function tokens(text, lang) {
    if (window.Intl && Intl.Segmenter) {
      var seg = new Intl.Segmenter(lang === "zh" ? "zh" : "en", { granularity: "word" });
      return Array.from(seg.segment(text), function (s) { return s.segment; });
    }
    return text.split(/(\s+|[^\w\s])/).filter(Boolean);
  }

  function redline(container, oldText, newText, lang) {
    var parts = Diff.diffArrays(tokens(oldText, lang), tokens(newText, lang));
    parts.forEach(function (part) {
      var text = part.value.join("");
      var node = part.added ? document.createElement("ins")
        : part.removed ? document.createElement("del") : document.createTextNode(text);
      if (part.added || part.removed) node.textContent = text;
      container.appendChild(node);
    });
  }

  function compare(form) {
    var strings = JSON.parse(form.getAttribute("data-strings"));
    var from = form.querySelector("select[name=from]");
    var to = form.querySelector("select[name=to]");
    var out = document.querySelector(".ls-compare-result");
    var latest = 0;
    form.hidden = false;
    /* Shows the redline of the two selected versions; a slower earlier answer is dropped. */
    function run() {
      var request = ++latest;
      Promise.all([fetch(from.value), fetch(to.value)].map(function (p) {
        return p.then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      })).then(function (data) {
        if (request !== latest) return;
        var a = data[0], b = data[1];
        if (a.effective > b.effective) { var x = a; a = b; b = x; }
        var before = {};
        a.elements.forEach(function (e) { before[e.id] = e; });
        var after = {};
        b.elements.forEach(function (e) { after[e.id] = e; });
        var rows = [];
        b.elements.forEach(function (e) {
          var old = before[e.id];
          if (!old) rows.push(["added", e, null]);
          else if (old.text !== e.text) rows.push(["changed", e, old]);
          else if (old.section !== e.section) rows.push(["moved", e, old]);
        });
        a.elements.forEach(function (e) { if (!after[e.id]) rows.push(["removed", e, e]); });
        out.textContent = "";
        if (!rows.length) {
          var same = document.createElement("p");
          same.textContent = strings.same;
          out.appendChild(same);
          return;
        }
        var list = document.createElement("ul");
        list.className = "ls-compare-list";
        rows.forEach(function (row) {
          var li = document.createElement("li");
          li.className = "ls-change ls-change-" + row[0];
          var where = document.createElement("strong");
          where.textContent = (row[1].heading || "") + " ";
          var label = document.createElement("span");
          label.className = "ls-change-label ls-change-" + row[0];
          label.textContent = strings[row[0]];
          li.appendChild(where);
          li.appendChild(label);
          li.appendChild(document.createTextNode(" "));
          var body = document.createElement("span");
          if (row[0] === "added") { var ins = document.createElement("ins"); ins.textContent = row[1].text; body.appendChild(ins); }
          else if (row[0] === "removed") { var del = document.createElement("del"); del.textContent = row[1].text; body.appendChild(del); }
          else if (row[0] === "moved") { body.textContent = row[1].text; }
          else redline(body, row[2].text, row[1].text, b.lang);
          li.appendChild(body);
          list.appendChild(li);
        });
        out.appendChild(list);
      }).catch(function () {
        if (request === latest) out.textContent = strings.failed;
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    from.addEventListener("change", run);
    to.addEventListener("change", run);
    run();  /* the default selection: the newest version against the one before it */
  }

  ready(function () {
    var a = document.querySelector("form.ls-at-date");
    if (a) atDate(a);
    var c = document.querySelector("form.ls-compare");
    if (c && window.Diff) compare(c);
  });
})();
