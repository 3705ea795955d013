/* legalsite: a link to a clause this version no longer has (issue 16).

   A version page carries an empty, hidden notice (.ls-removed, legalsite/site/removed_clauses.py) with the
   address of its document's map (removed.json: for each id an earlier version removed, the last
   version that had it and the version that removed it) and the words to say. When the address's
   fragment names an id that is not on the page, the map is fetched (once) and, if a version up
   to this one removed that id, the notice says so and links to the clause in the last version
   that had it and to the redline that removed it. Also when the fragment changes. Every string
   is inserted with textContent and every address with setAttribute: nothing is parsed as HTML.
   Without JavaScript the document's clauses page lists the same links. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /* The fragment as the id it names ("" when there is none or it is not valid percent-encoding). */
  function fragment() {
    var raw = window.location.hash.slice(1);
    try {
      return decodeURIComponent(raw);
    } catch (error) {
      return "";
    }
  }

  /* Fill {name} placeholders in one pass: a value is never read as a placeholder. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return own(values, name) ? values[name] : whole;
    });
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    return a;
  }

  function setup(notice) {
    var mapUrl = new URL(notice.getAttribute("data-map"), window.location.href);
    var version = notice.getAttribute("data-version");
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(mapUrl.href)
          .then(function (response) { return response.ok ? response.json() : null; })
          .catch(function () { return null; });
      }
      return loading;
    }

    function clear() {
      notice.hidden = true;
      notice.textContent = "";
    }

    /* The removal that explains why `id` is not on this page: the latest one up to this version. */
    function removal(map, id) {
      if (!map || !own(map.removed, id)) return null;
      var here = -1;
      map.versions.forEach(function (v, i) { if (v.id === version) here = i; });
      var found = null;
      map.removed[id].forEach(function (pair) { if (pair[1] <= here) found = pair; });
      return found && { id: id, last: map.versions[found[0]], removed: map.versions[found[1]] };
    }

    function show(found, moved) {
      var values = { id: found.id, last: found.last.date, removed: found.removed.date };
      notice.textContent = "";
      var text = document.createElement("p");
      text.textContent = fill(notice.getAttribute("data-removed-notice"), values);
      var links = document.createElement("p");
      links.className = "ls-removed-links";
      links.appendChild(link(new URL(found.last.url, mapUrl).href + "#" + found.id,
        fill(notice.getAttribute("data-removed-last-link"), values)));
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(link(new URL(found.removed.changes, mapUrl).href + "#" + found.id,
        fill(notice.getAttribute("data-removed-changes-link"), values)));
      notice.appendChild(text);
      notice.appendChild(links);
      notice.hidden = false;
      if (moved) {
        /* The fragment changed on this page: take the reader (and the focus) to the notice. */
        notice.scrollIntoView({ block: "center" });
        notice.focus({ preventScroll: true });
      }
    }

    /* data-fragment: the fragment last looked at, once the notice says what it has to. */
    function done(id) {
      notice.setAttribute("data-fragment", id);
    }

    function check(moved) {
      var id = fragment();
      if (!id || document.getElementById(id)) {
        clear();
        done(id);
        return;
      }
      load().then(function (map) {
        if (fragment() !== id) return; /* the fragment changed again meanwhile */
        var found = removal(map, id);
        if (found) show(found, moved); else clear();
        done(id);
      });
    }

    window.addEventListener("hashchange", function () { check(true); });
    check(false);
  }

  ready(function () {
    var notice = document.querySelector(".ls-removed[data-map]");
    if (notice) setup(notice);
  });
})();
