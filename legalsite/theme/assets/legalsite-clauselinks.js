/* legalsite: the permalinks of a version's text, one tab stop walked with the arrow keys (issue 16).

   Every heading and clause has its links (¶ link here; on the current page also § this clause in
   this version, the permanent one; ↺ its history), all out of the tab order in the HTML
   (tabindex=-1): a keyboard reader tabbing through the text should not stop at each of them.
   Here they become one composite stop (a roving tabindex): Tab reaches the first clause's
   permanent link (§ on the current page, ¶ on a version's own page), Up and Down move to the
   previous or next heading or clause, Left and Right between the links of one clause, Home and
   End to the first and the last. Without JavaScript the clauses page links every clause. */
(function () {
  "use strict";

  var ROWS = "h2[id], h3[id], h4[id], .ls-clause[id], .ls-list > li[id]";
  var KEYS = ["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End"];

  /* A clause's links stand in it, or in the span that keeps them on its last word's line. */
  function links(row) {
    return Array.prototype.slice.call(
      row.querySelectorAll(":scope > a.headerlink, :scope > .ls-keep > a.headerlink"));
  }

  function rowOf(link) {
    var parent = link.parentElement;
    return parent.classList.contains("ls-keep") ? parent.parentElement : parent;
  }

  function setup(article) {
    var rows = Array.prototype.filter.call(article.querySelectorAll(ROWS), function (row) {
      return links(row).length > 0;
    });
    /* Only a text of clauses: other pages' few heading links stay out of the tab order. */
    if (!rows.some(function (row) { return !/^H\d$/.test(row.tagName); })) return;
    var hint = document.getElementById("_clause-keys");
    var current = null;
    /* The kind of link the reader is on (§, ¶ or ↺), kept when moving between clauses. */
    var kind = article.querySelector("a.ls-permanent-link") ? "ls-permanent-link" : "";

    function kindOf(link) {
      if (link.classList.contains("ls-permanent-link")) return "ls-permanent-link";
      if (link.classList.contains("ls-history-link")) return "ls-history-link";
      return "";
    }

    function pick(row) {
      var all = links(row);
      var same = all.filter(function (link) { return kindOf(link) === kind; });
      return same[0] || all[0];
    }

    function makeStop(link) {
      if (current && current !== link) {
        current.setAttribute("tabindex", "-1");
        current.removeAttribute("aria-describedby");
        current.removeAttribute("aria-keyshortcuts");
      }
      current = link;
      link.setAttribute("tabindex", "0");
      link.setAttribute("aria-keyshortcuts", "ArrowUp ArrowDown ArrowLeft ArrowRight Home End");
      if (hint) link.setAttribute("aria-describedby", hint.id);
    }

    function go(link) {
      makeStop(link);
      link.focus({ preventScroll: true });
      rowOf(link).scrollIntoView({ block: "nearest", behavior: "instant" });
    }

    makeStop(pick(rows[0]));

    article.addEventListener("focusin", function (event) {
      var link = event.target;
      if (link.matches && link.matches("a.headerlink") && rows.indexOf(rowOf(link)) >= 0) {
        makeStop(link);
      }
    });

    article.addEventListener("keydown", function (event) {
      if (event.target !== current || KEYS.indexOf(event.key) < 0) return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var row = rows.indexOf(rowOf(current));
      var cells = links(rowOf(current));
      var cell = cells.indexOf(current);
      var next = null;
      if (event.key === "ArrowDown" && row + 1 < rows.length) next = pick(rows[row + 1]);
      if (event.key === "ArrowUp" && row > 0) next = pick(rows[row - 1]);
      if (event.key === "Home") next = pick(rows[0]);
      if (event.key === "End") next = pick(rows[rows.length - 1]);
      if (event.key === "ArrowRight" && cell + 1 < cells.length) next = cells[cell + 1];
      if (event.key === "ArrowLeft" && cell > 0) next = cells[cell - 1];
      event.preventDefault();
      if (!next) return;
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") kind = kindOf(next);
      go(next);
    });
  }

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var article = document.querySelector("article.md-content__inner");
    if (article) setup(article);
  });
})();
