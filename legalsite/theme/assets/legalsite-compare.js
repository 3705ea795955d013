/* legalsite: the compare page. Any two versions, compared in the browser by the server's engine.

   This is a line-by-line copy of the Python engine, so that the compare page gives exactly the
   account the changes pages, `legalsite diff` and the feeds give:
     - difflib.SequenceMatcher (autojunk off)            <- Python's difflib
     - the word-level redline and its clean-up           <- legalsite/compare/redline.py
     - the alignment by id, moves, renumbering           <- legalsite/compare/diff.py
     - the account: entries, labels, notes, counts, body <- legalsite/compare/account.py
     - its HTML                                          <- legalsite/site/changes.py
   It runs on the server's data, never on rules of its own: each version's text.json carries
   its elements and jieba's cut of every text (legalsite.site.reader_pages.elements_json), and
   redline-rules.json the character classes of Python's re and str (legalsite.compare.redline.rules).
   tests/browser/test_compare_parity.py checks the two engines give the same account. */
(function () {
  "use strict";

  /* -- Rules: character classes as the server's code point ranges ------------------------- */

  var RX = null;
  var RULES = null;

  function cp(n) { return "\\u{" + n.toString(16) + "}"; }

  function classBody(ranges) {
    return ranges.map(function (r) { return r[0] === r[1] ? cp(r[0]) : cp(r[0]) + "-" + cp(r[1]); })
      .join("");
  }

  function charsBody(chars) {
    return Array.from(chars).map(function (c) { return cp(c.codePointAt(0)); }).join("");
  }

  function without(ranges, n) {
    var out = [];
    ranges.forEach(function (r) {
      if (n < r[0] || n > r[1]) { out.push(r); return; }
      if (r[0] < n) out.push([r[0], n - 1]);
      if (n < r[1]) out.push([n + 1, r[1]]);
    });
    return out;
  }

  function setRules(rules) {
    var A = classBody(rules.alnum), S = classBody(rules.space), D = classBody(rules.digit);
    var H = classBody(rules.han), closers = charsBody(rules.closers);
    var spaceNoNewline = classBody(without(rules.space, 10));
    RULES = rules;
    RX = {
      /* _EN_TOKEN: a number, a word with inner apostrophes, whitespace, any other character */
      enToken: new RegExp("[" + D + "]+(?:[.,][" + D + "]+)*|[" + A + "]+(?:['\u2019][" + A +
        "]+)*|[" + S + "]+|.", "gsu"),
      hanRun: new RegExp("[" + H + "]+", "gu"),
      hanChar: new RegExp("[" + H + "]", "gu"),
      alnum: new RegExp("^[" + A + "]$", "u"),
      space: new RegExp("^[" + S + "]$", "u"),
      lstrip: new RegExp("^[" + S + "]+", "u"),
      rstrip: new RegExp("[" + S + "]+$", "u"),
      /* _SENTENCE_END */
      sentenceEnd: new RegExp("([" + charsBody(rules.cjkSentenceEnds) + "][" + closers + "]*|[" +
        charsBody(rules.asciiSentenceEnds) + "][" + closers + "]*(?=[" + S + "]|[" + H + "]|$))[" +
        S + "]*|[" + spaceNoNewline + "]*\\n[" + S + "]*", "gu")
    };
  }

  /* -- Strings measured in characters (code points), as Python does ----------------------- */

  function cpLen(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) i++;
      }
      n++;
    }
    return n;
  }

  function firstChar(s) { return String.fromCodePoint(s.codePointAt(0)); }

  function lastChar(s) {
    var c = s.charCodeAt(s.length - 1);
    if (c >= 0xDC00 && c <= 0xDFFF && s.length > 1) {
      var h = s.charCodeAt(s.length - 2);
      if (h >= 0xD800 && h <= 0xDBFF) return s.slice(-2);
    }
    return s.slice(-1);
  }

  function isAlnum(ch) { return RX.alnum.test(ch); }
  function isSpace(ch) { return RX.space.test(ch); }

  /* -- difflib.SequenceMatcher, without junk ------------------------------------------------ */

  function matchingBlocks(a, b) {
    var b2j = new Map();
    b.forEach(function (x, j) {
      var list = b2j.get(x);
      if (!list) b2j.set(x, list = []);
      list.push(j);
    });
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var x = 0; x < js.length; x++) {
          var j = js[x];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--; bestj--; bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi &&
             a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], found = [];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      var i = m[0], j = m[1], k = m[2];
      if (k) {
        found.push(m);
        if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
        if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
      }
    }
    found.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    var i1 = 0, j1 = 0, k1 = 0, out = [];
    found.forEach(function (m) {
      if (i1 + k1 === m[0] && j1 + k1 === m[1]) {
        k1 += m[2];
      } else {
        if (k1) out.push([i1, j1, k1]);
        i1 = m[0]; j1 = m[1]; k1 = m[2];
      }
    });
    if (k1) out.push([i1, j1, k1]);
    out.push([a.length, b.length, 0]);
    return out;
  }

  function opcodes(a, b) {
    var i = 0, j = 0, out = [];
    matchingBlocks(a, b).forEach(function (m) {
      if (i < m[0] || j < m[1]) out.push([i, m[0], j, m[1]]);
      i = m[0] + m[2]; j = m[1] + m[2];
      if (m[2]) out.push([m[0], i, m[1], j]);
    });
    return out;
  }

  /* -- Tokens (compare/redline.py: _tokenize_en, _analyse, _units) --------------------------- */

  function tokenizeEn(text) { return text.match(RX.enToken) || []; }

  function analyse(text, lang, cut) {
    if (lang === "en") return { tokens: tokenizeEn(text), inside: new Map() };
    var tokens = [], inside = new Map(), pos = 0, w = 0;
    Array.from(text.matchAll(RX.hanRun)).forEach(function (run) {
      Array.prototype.push.apply(tokens, tokenizeEn(text.slice(pos, run.index)));
      var chars = Array.from(run[0]), at = run.index, c = 0;
      while (c < chars.length) {
        var word = cut[w++], parts = typeof word === "number" ? [word] : word, start = at;
        parts.forEach(function (part) {
          var piece = chars.slice(c, c + part), offset = at;
          for (var q = 0; q < part - 1; q++) {
            offset += piece[q].length;
            inside.set(offset, [at, at + piece.join("").length]);
          }
          at += piece.join("").length;
          c += part;
        });
        tokens.push(text.slice(start, at));
      }
      pos = run.index + run[0].length;
    });
    Array.prototype.push.apply(tokens, tokenizeEn(text.slice(pos)));
    return { tokens: tokens, inside: inside };
  }

  function units(text, lang) {
    if (lang === "en") return tokenizeEn(text);
    var out = [], pos = 0;
    Array.from(text.matchAll(RX.hanChar)).forEach(function (m) {
      Array.prototype.push.apply(out, tokenizeEn(text.slice(pos, m.index)));
      out.push(m[0]);
      pos = m.index + m[0].length;
    });
    Array.prototype.push.apply(out, tokenizeEn(text.slice(pos)));
    return out;
  }

  function hanCount(text) { return (text.match(RX.hanChar) || []).length; }

  /* -- The redline (compare/redline.py: redline and its steps) ------------------------------- */

  function isEqual(chunk) { return chunk[0] === chunk[1]; }

  function normalize(chunks) {
    var out = [];
    chunks.forEach(function (chunk) {
      var old = chunk[0], nw = chunk[1];
      if (!old && !nw) return;
      while (out.length && isEqual(out[out.length - 1]) === (old === nw)) {
        var prev = out.pop();
        old = prev[0] + old; nw = prev[1] + nw;
      }
      out.push([old, nw]);
    });
    return out;
  }

  function diffTokens(a, b) {
    var limit = Math.min(a.length, b.length), head = 0, tail = 0;
    while (head < limit && a[head] === b[head]) head++;
    while (tail < limit - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    var am = a.slice(head, a.length - tail), bm = b.slice(head, b.length - tail);
    var prefix = a.slice(0, head).join(""), suffix = a.slice(a.length - tail).join("");
    var chunks = [[prefix, prefix]];
    opcodes(am, bm).forEach(function (op) {
      chunks.push([am.slice(op[0], op[1]).join(""), bm.slice(op[2], op[3]).join("")]);
    });
    chunks.push([suffix, suffix]);
    return normalize(chunks);
  }

  function segments(chunks) {
    var out = [];
    chunks.forEach(function (chunk) {
      if (isEqual(chunk)) { out.push(["equal", chunk[0]]); return; }
      if (chunk[0]) out.push(["delete", chunk[0]]);
      if (chunk[1]) out.push(["insert", chunk[1]]);
    });
    return out;
  }

  function refineChinese(chunks) {
    var out = [];
    chunks.forEach(function (chunk) {
      var old = chunk[0], nw = chunk[1];
      if (old === nw || !old || !nw) { out.push(chunk); return; }
      var a = units(old, "zh"), b = units(nw, "zh"), i = 0, j = 0;
      matchingBlocks(a, b).forEach(function (m) {
        var common = a.slice(m[0], m[0] + m[2]).join("");
        if (hanCount(common) < 2) return;
        out.push([a.slice(i, m[0]).join(""), b.slice(j, m[1]).join("")]);
        out.push([common, common]);
        i = m[0] + m[2]; j = m[1] + m[2];
      });
      out.push([a.slice(i).join(""), b.slice(j).join("")]);
    });
    return normalize(out);
  }

  function boundaryScore(left, right) {
    if (!left || !right) return 6;
    var c1 = lastChar(left), c2 = firstChar(right);
    if (/\n\r?\n$/.test(left) || /^\r?\n\r?\n/.test(right)) return 5;
    if (c1 === "\r" || c1 === "\n" || c2 === "\r" || c2 === "\n") return 4;
    if (RULES.cjkSentenceEnds.indexOf(c1) >= 0 ||
        (RULES.asciiSentenceEnds.indexOf(c1) >= 0 && isSpace(c2))) return 3;
    if (isSpace(c1) || isSpace(c2)) return 2;
    if (!isAlnum(c1) || !isAlnum(c2)) return 1;
    return 0;
  }

  function slideEdits(chunks, lang) {
    var out = chunks.slice();
    for (var i = 1; i < out.length - 1; i++) {
      var old = out[i][0], nw = out[i][1];
      if (old === nw || (old && nw)) continue;
      var before = units(out[i - 1][0], lang), edit = units(old || nw, lang);
      var after = units(out[i + 1][0], lang), original = 0;
      while (before.length && edit.length && before[before.length - 1] === edit[edit.length - 1]) {
        after.unshift(edit.pop());
        edit.unshift(before.pop());
        original++;
      }
      var placements = [];
      for (;;) {
        placements.push([before.join(""), edit.join(""), after.join("")]);
        if (!(edit.length && after.length && edit[0] === after[0])) break;
        before.push(edit.shift());
        edit.push(after.shift());
      }
      var scores = placements.map(function (p) {
        return boundaryScore(p[0], p[1]) + boundaryScore(p[1], p[2]);
      });
      var best = Math.max.apply(null, scores);
      if (scores[original] === best) continue;
      var chosen = placements[scores.lastIndexOf(best)];
      out[i - 1] = [chosen[0], chosen[0]];
      out[i] = old ? [chosen[1], ""] : ["", chosen[1]];
      out[i + 1] = [chosen[2], chosen[2]];
    }
    return normalize(out);
  }

  function isTiny(text, lang) {
    if (text.indexOf("\n") >= 0 || text.indexOf("\r") >= 0) return false;
    var words = units(text, lang).filter(function (unit) { return Array.from(unit).some(isAlnum); });
    return !words.length || (words.length === 1 && cpLen(words[0]) <= RULES.tinyWordChars[lang]);
  }

  function absorbIslands(chunks, lang) {
    var out = [], i = 0;
    while (i < chunks.length) {
      var chunk = chunks[i];
      if (isEqual(chunk) && out.length && i + 1 < chunks.length && isTiny(chunk[0], lang)) {
        var prev = out.pop(), next = chunks[i + 1];
        out.push([prev[0] + chunk[0] + next[0], prev[1] + chunk[1] + next[1]]);
        i += 2;
      } else {
        out.push(chunk);
        i += 1;
      }
    }
    return normalize(out);
  }

  function trimChanges(chunks, lang) {
    var out = [];
    chunks.forEach(function (chunk) {
      var old = chunk[0], nw = chunk[1];
      if (old === nw || !old || !nw) { out.push(chunk); return; }
      var a = units(old, lang), b = units(nw, lang), limit = Math.min(a.length, b.length);
      var head = 0, tail = 0;
      while (head < limit && a[head] === b[head]) head++;
      while (tail < limit - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      var prefix = a.slice(0, head).join(""), suffix = a.slice(a.length - tail).join("");
      out.push([prefix, prefix]);
      out.push([a.slice(head, a.length - tail).join(""), b.slice(head, b.length - tail).join("")]);
      out.push([suffix, suffix]);
    });
    return normalize(out);
  }

  function wholeWords(chunks, oldInside, newInside) {
    var out = chunks.slice();
    function start(inside, at) { var span = inside.get(at); return span ? span[0] : at; }
    function end(inside, at) { var span = inside.get(at); return span ? span[1] : at; }
    for (;;) {
      var widened = false, o = 0, n = 0;
      for (var i = 0; i < out.length; i++) {
        var a = out[i][0], b = out[i][1], need, common, moved, keep;
        if (a === b) { o += a.length; n += b.length; continue; }
        if (i > 0) {
          need = Math.max(o - start(oldInside, o), n - start(newInside, n));
          if (need) {
            common = out[i - 1][0];
            keep = common.slice(0, Math.max(common.length - need, 0));
            moved = common.slice(keep.length);
            out[i - 1] = [keep, keep];
            out[i] = [moved + a, moved + b];
            widened = true;
            break;
          }
        }
        var endO = o + a.length, endN = n + b.length;
        if (i + 1 < out.length) {
          need = Math.max(end(oldInside, endO) - endO, end(newInside, endN) - endN);
          if (need) {
            common = out[i + 1][0];
            moved = common.slice(0, need);
            keep = common.slice(need);
            out[i] = [a + moved, b + moved];
            out[i + 1] = [keep, keep];
            widened = true;
            break;
          }
        }
        o = endO; n = endN;
      }
      if (!widened) return out;
      out = normalize(out);
    }
  }

  function sentenceCuts(text) {
    var cuts = [];
    Array.from(text.matchAll(RX.sentenceEnd)).forEach(function (m) {
      var first = m[1] !== undefined ? m.index + m[1].length : m.index;
      for (var c = first; c <= m.index + m[0].length; c++) cuts.push(c);
    });
    return cuts;
  }

  function bisectRight(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (x < list[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  function sentences(chunks) {
    var oldCuts = sentenceCuts(chunks.map(function (c) { return c[0]; }).join(""));
    var oldSet = new Set(oldCuts);
    var newSet = new Set(sentenceCuts(chunks.map(function (c) { return c[1]; }).join("")));
    var out = [[]], o = 0, n = 0;
    chunks.forEach(function (chunk) {
      var old = chunk[0], nw = chunk[1];
      if (old !== nw) {
        out[out.length - 1].push(chunk);
        o += old.length; n += nw.length;
        if (oldSet.has(o) && newSet.has(n)) out.push([]);
        return;
      }
      var from = 0;
      oldCuts.slice(bisectRight(oldCuts, o), bisectRight(oldCuts, o + old.length))
        .forEach(function (cut) {
          var offset = cut - o;
          if (newSet.has(n + offset)) {
            out[out.length - 1].push([old.slice(from, offset), old.slice(from, offset)]);
            out.push([]);
            from = offset;
          }
        });
      out[out.length - 1].push([old.slice(from), old.slice(from)]);
      o += old.length; n += old.length;
    });
    return out.map(normalize);
  }

  function chunkRatio(chunks) {
    var changed = 0, total = 0;
    chunks.forEach(function (c) {
      var size = cpLen(c[0]) + cpLen(c[1]);
      total += size;
      if (!isEqual(c)) changed += size;
    });
    return total ? changed / total : 0;
  }

  function replaceSentences(chunks, threshold) {
    var out = [];
    sentences(chunks).forEach(function (sentence) {
      if (chunkRatio(sentence) <= threshold) {
        Array.prototype.push.apply(out, sentence);
        return;
      }
      var first = sentence[0][0], last = sentence[sentence.length - 1][0];
      var lead = isEqual(sentence[0]) ? first.slice(0, first.length - first.replace(RX.lstrip, "").length) : "";
      var trail = isEqual(sentence[sentence.length - 1]) ? last.slice(last.replace(RX.rstrip, "").length) : "";
      var old = sentence.map(function (c) { return c[0]; }).join("");
      var nw = sentence.map(function (c) { return c[1]; }).join("");
      out.push([lead, lead]);
      out.push([old.slice(lead.length, old.length - trail.length), nw.slice(lead.length, nw.length - trail.length)]);
      out.push([trail, trail]);
    });
    return normalize(out);
  }

  function redline(old, nw, lang, oldCut, newCut) {
    if (old === nw) return old ? [["equal", old]] : [];
    var a = analyse(old, lang, oldCut || []), b = analyse(nw, lang, newCut || []);
    var chunks = diffTokens(a.tokens, b.tokens);
    if (lang === "zh") chunks = refineChinese(chunks);
    chunks = slideEdits(chunks, lang);
    chunks = absorbIslands(chunks, lang);
    chunks = trimChanges(chunks, lang);
    if (lang === "zh") chunks = wholeWords(chunks, a.inside, b.inside);
    chunks = replaceSentences(chunks, RULES.replaceThreshold);
    chunks = absorbIslands(chunks, lang);
    return segments(chunks);
  }

  /* -- Alignment by id (compare/diff.py: compare) -------------------------------------------- */

  function orderMoves(old, nw) {
    var oldSet = new Set(old), newSet = new Set(nw);
    var common = nw.filter(function (s) { return oldSet.has(s); });
    var kept = old.filter(function (s) { return newSet.has(s); });
    var stable = new Set();
    matchingBlocks(kept, common).forEach(function (m) {
      for (var k = 0; k < m[2]; k++) stable.add(kept[m[0] + k]);
    });
    return new Set(common.filter(function (s) { return !stable.has(s); }));
  }

  /* compare/diff.py container: what an element stands in among its siblings. */
  function containerOf(e) {
    if (e.kind === "title") return null;
    if (e.kind === "section") return "§" + (e.holder || "");
    if (e.kind === "item" || e.kind === "row") return "p:" + e.parent;
    return "s:" + (e.section || "");
  }

  /* compare/diff.py _reordered: still in the same container, another place among the siblings. */
  function reorderedIn(oldEls, newEls) {
    var newContainer = new Map();
    newEls.forEach(function (e) { newContainer.set(e.id, containerOf(e)); });
    var stay = new Set();
    oldEls.forEach(function (e) {
      if (newContainer.has(e.id) && newContainer.get(e.id) === containerOf(e)) stay.add(e.id);
    });
    function grouped(list) {
      var out = new Map();
      list.forEach(function (e) {
        if (!stay.has(e.id)) return;
        var key = containerOf(e);
        if (!out.has(key)) out.set(key, []);
        out.get(key).push(e.id);
      });
      return out;
    }
    var olds = grouped(oldEls), news = grouped(newEls), moved = new Set();
    news.forEach(function (ids, key) {
      if (key === null) return;
      orderMoves(olds.get(key) || [], ids).forEach(function (id) { moved.add(id); });
    });
    return moved;
  }

  /* compare/diff.py Element.part: where in the text it stands. */
  function partOf(e) { return e.part || "sections"; }

  /* compare/diff.py _body_end: the index of the last element before the annexes. */
  function bodyEnd(byId, index) {
    var last = 0;
    byId.forEach(function (x) { if (partOf(x) !== "annexes") last = index.get(x.id); });
    return last;
  }

  /* compare/diff.py _anchor: the index in the new version after which a removed element goes. */
  function anchorOf(e, before, byId, index, end) {
    var i, q, kept;
    if (e.kind === "section") {
      for (i = 0; i < before.length; i++) {
        q = before[i];
        if (q.kind === "section" && byId.has(q.id)) {
          if (partOf(e) === "annexes" && partOf(byId.get(q.id)) !== "annexes") break;
          return end.get(q.id);
        }
      }
      if (partOf(e) === "annexes") return bodyEnd(byId, index);
      var last = 0;
      byId.forEach(function (x) { if (x.section === null || x.section === undefined) last = index.get(x.id); });
      return last;
    }
    if (e.kind === "item" || e.kind === "row") {
      for (i = 0; i < before.length; i++) {
        q = before[i];
        if (q.id === e.parent) return index.get(q.id);
        if ((q.kind === "item" || q.kind === "row") && byId.has(q.id) && byId.get(q.id).parent === e.parent) {
          return index.get(q.id);
        }
      }
      throw new Error(e.id);
    }
    for (i = 0; i < before.length; i++) {
      q = before[i];
      if (q.kind === "section" && q.id === e.section) return index.get(q.id);
      if (q.kind === "title" && (e.section === null || e.section === undefined)) return index.get(q.id);
      kept = byId.get(q.id);
      if (kept && (q.kind === "clause" || q.kind === "list" || q.kind === "table" || q.kind === "verbatim") &&
          (kept.section || null) === (e.section || null)) {
        return end.get(q.id);
      }
    }
    if (partOf(e) === "end") return bodyEnd(byId, index);
    throw new Error(e.id);
  }

  /* compare/diff.py _placed: each removed element where it stood, inside what still holds it. */
  function placeRemoved(changes, removed, oldEls, newEls, goneIds) {
    var index = new Map(), end = new Map(), byId = new Map(), position = new Map();
    newEls.forEach(function (e, i) { index.set(e.id, i); end.set(e.id, i); byId.set(e.id, e); });
    newEls.forEach(function (e, i) {
      if ((e.kind === "item" || e.kind === "row") && e.parent !== null && e.parent !== undefined) end.set(e.parent, i);
      if (e.kind !== "section" && e.section !== null && e.section !== undefined) end.set(e.section, i);
    });
    oldEls.forEach(function (e, i) { position.set(e.id, i); });
    var gone = goneIds || new Set(removed.map(function (c) { return c.element.id; }));
    var slot = new Map(), after = new Map();
    removed.forEach(function (change) {
      var e = change.element, at;
      var holder = (e.kind === "item" || e.kind === "row") ? e.parent : e.section;
      if (e.kind !== "section" && holder !== null && holder !== undefined && gone.has(holder)) {
        at = slot.get(holder);
      } else {
        at = anchorOf(e, oldEls.slice(0, position.get(e.id)).reverse(), byId, index, end);
      }
      slot.set(e.id, at);
      if ((e.kind === "item" || e.kind === "row") && byId.has(holder)) {
        var host = byId.get(holder);
        e = Object.assign({}, e, { section: host.section, place: host.place, heading: host.heading });
        change = Object.assign({}, change, { element: e });
      }
      if (!after.has(at)) after.set(at, []);
      after.get(at).push(change);
    });
    var placed = [];
    changes.forEach(function (change, i) {
      placed.push(change);
      Array.prototype.push.apply(placed, after.get(i) || []);
    });
    return placed;
  }

  function source(e) { return e.source === null || e.source === undefined ? e.text : e.source; }

  function cells(lang, old, nw) {
    if (!nw) {
      return old.cells.map(function (cell, i) { return redline(cell, "", lang, old.cellCuts[i], []); });
    }
    return nw.cells.map(function (cell, i) {
      var before = old && i < old.cells.length ? old.cells[i] : "";
      var beforeCut = old && i < old.cells.length ? old.cellCuts[i] : [];
      return redline(before, cell, lang, beforeCut, nw.cellCuts[i]);
    });
  }

  function compare(oldData, newData) {
    var lang = newData.lang, oldEls = oldData.elements, newEls = newData.elements;
    var oldById = new Map(), newIds = new Set();
    oldEls.forEach(function (e) { oldById.set(e.id, e); });
    newEls.forEach(function (e) { newIds.add(e.id); });
    var reordered = reorderedIn(oldEls, newEls);
    function tabular(e) { return e.kind === "table" || e.kind === "row"; }

    function describe(e) {
      var before = oldById.get(e.id);
      if (!before) {
        return { element: e, status: "added", old: null, segments: [["insert", e.text]],
          moved: false, markupOnly: false, renumbered: false, cells: tabular(e) ? cells(lang, null, e) : [] };
      }
      var moved = containerOf(before) !== containerOf(e) || reordered.has(e.id);
      var renumbered = !moved && before.number !== null && e.number !== null && before.number !== e.number;
      var textChanged = before.text !== e.text;
      var markupOnly = !textChanged && source(before) !== source(e);
      /* compare/diff.py _prominence: newly marked prominent ("on") or no longer ("off"). */
      var prominence = !before.prominent === !e.prominent ? null : e.prominent ? "on" : "off";
      var status = (textChanged || markupOnly || prominence) && moved ? "moved_changed"
        : (textChanged || markupOnly || prominence) ? "changed" : moved ? "moved" : renumbered ? "renumbered" : "unchanged";
      return { element: e, status: status, old: before,
        segments: redline(before.text, e.text, lang, before.cuts, e.cuts),
        moved: moved, markupOnly: markupOnly, renumbered: renumbered, prominence: prominence,
        cells: tabular(e) ? cells(lang, before, e) : [] };
    }

    var changes = newEls.map(describe);
    /* compare/diff.py _places: each element's place among its siblings (1 = first). */
    function places(list) {
      var counts = new Map(), out = new Map();
      list.forEach(function (e) {
        var key = containerOf(e), n = (counts.get(key) || 0) + 1;
        counts.set(key, n);
        out.set(e.id, n);
      });
      return out;
    }
    var oldPlaces = places(oldEls), newPlaces = places(newEls);
    changes.forEach(function (c) {
      if (c.moved && c.old && containerOf(c.old) === containerOf(c.element)) {
        c.positions = [oldPlaces.get(c.element.id), newPlaces.get(c.element.id)];
      }
    });
    var removed = oldEls.filter(function (e) { return !newIds.has(e.id); }).map(function (e) {
      return { element: e, status: "removed", old: e,
        segments: [["delete", e.text]], moved: false, markupOnly: false, renumbered: false,
        cells: tabular(e) ? cells(lang, e, null) : [] };
    });
    /* Where each moved element stood: placed with the removed ones, in the old order
       (compare/diff.py Comparison.left). */
    var moves = new Map(), lone = new Map();
    changes.forEach(function (c) { if (c.moved) moves.set(c.element.id, c); });
    removed.forEach(function (c) { lone.set(c.element.id, c); });
    oldEls.forEach(function (e) {
      if (moves.has(e.id)) {
        lone.set(e.id, { element: e, status: "left", old: e, segments: [], moved: true,
          markupOnly: false, renumbered: false, cells: [], to: moves.get(e.id).element });
      }
    });
    var gone = new Set(removed.map(function (c) { return c.element.id; }));
    var ordered = oldEls.filter(function (e) { return lone.has(e.id); }).map(function (e) { return lone.get(e.id); });
    var kept = [], left = [];
    placeRemoved(changes, ordered, oldEls, newEls, gone).forEach(function (c) {
      if (c.to) left.push([kept.length, c]); else kept.push(c);
    });
    var placed = kept;
    /* compare/diff.py compare_versions: a text changed in one language only is told in both
       (text.json's "other": the other language's text of each element, as a digest). */
    var otherLang = lang === "zh" ? "en" : "zh";
    var oldOther = oldData.other, newOther = newData.other;
    var listed = new Set(newData.translationUnchanged || []);
    placed.forEach(function (c) {
      /* Without the other language (compare.diff.compare alone), nothing to tell. */
      if (!oldOther || !newOther || c.status === "removed" || !c.old) return;
      var id = c.element.id, here = source(c.old) !== source(c.element);
      var there = Object.prototype.hasOwnProperty.call(oldOther, id)
        && Object.prototype.hasOwnProperty.call(newOther, id) && oldOther[id] !== newOther[id];
      if (here === there) return;
      c.only = here ? lang : otherLang;
      c.acknowledged = listed.has(id);
      if (!here) c.status = c.moved ? "moved_changed" : "changed";
    });
    var numbers = {};
    oldEls.concat(newEls).forEach(function (e) { if (e.kind === "section") numbers[e.id] = e.heading; });
    oldEls.concat(newEls).forEach(function (e) { if (partOf(e) === "end") numbers[RULES.endId] = e.heading; });
    return { lang: lang, changes: placed, left: left, sectionNumbers: numbers, prominent: prominentChanges(oldEls, newEls) };
  }

  /* compare/account.py _term_words: each prominent term's words, its own and all it holds. */
  function termWords(els) {
    var out = new Map();
    els.forEach(function (e) { if (e.prominent) out.set(e.id, []); });
    els.forEach(function (e) {
      var holders = [];
      [e.id, e.section, e.parent].forEach(function (h) {
        if (h !== null && h !== undefined && out.has(h) && holders.indexOf(h) < 0) holders.push(h);
      });
      holders.forEach(function (h) { out.get(h).push(e.kind + " " + e.id + "\t" + source(e)); });
    });
    var words = new Map();
    out.forEach(function (list, id) { words.set(id, list.join("\n")); });
    return words;
  }

  /* compare/account.py prominent_changes: the citations of the prominent terms a revision
     touches (text.json carries a term's citation with its mark). */
  function prominentChanges(oldEls, newEls) {
    var before = termWords(oldEls), after = termWords(newEls), touched = new Set();
    before.forEach(function (words, id) { if (after.get(id) !== words) touched.add(id); });
    after.forEach(function (words, id) { if (before.get(id) !== words) touched.add(id); });
    if (!touched.size) return [];
    var citedOld = new Map(), citedNew = new Map(), order = [];
    oldEls.forEach(function (e) { if (e.prominent) citedOld.set(e.id, e.citation); });
    newEls.forEach(function (e) {
      if (e.prominent) citedNew.set(e.id, e.citation);
      if (touched.has(e.id)) order.push(e.id);
    });
    oldEls.forEach(function (e) { if (touched.has(e.id) && order.indexOf(e.id) < 0) order.push(e.id); });
    return order.map(function (id) { return citedNew.get(id) || citedOld.get(id); });
  }

  /* -- The account (compare/account.py) ------------------------------------------------------- */

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function account(comparison, words) {
    var T = words.text, lang = comparison.lang;
    function touched(c) { return c.status !== "unchanged"; }

    /* account.own_number: its own number, or an item of an item's list's citation. */
    function ownNumber(e) { return e.depth > 1 ? e.citation : (e.number || ""); }

    /* account.cited: its section's numbered heading and its own number, in its version. */
    function cited(e) {
      if (e.kind === "section") return e.holder && e.heading !== e.text ? e.citation + " " + e.text : e.heading;
      if (e.depth > 1) return e.citation;
      var place = e.heading || T.preamble;
      return e.number ? fmt(T.place_cited, { place: place, number: e.number }) : place;
    }

    /* account.places: each place cited in its own version; told apart by list where the same. */
    function placesOf(old, nw) {
      var before = cited(old), after = cited(nw);
      if (before === after) {
        before = fmt(T.place_in_parent, { place: before, parent: old.parent || "" });
        after = fmt(T.place_in_parent, { place: after, parent: nw.parent || "" });
      }
      return [before, after];
    }

    /* account._numbered: each section of the new version and its number. */
    var numbered = new Map();
    comparison.changes.forEach(function (c) {
      if (c.element.kind === "section" && c.status !== "removed") numbered.set(c.element.id, c.element.number);
    });

    function notes(change) {
      var out = [], old = change.old, nw = change.element;
      if (change.status === "removed" && old && old.section !== null && old.section !== undefined &&
          numbered.get(old.section) !== old.place) {
        /* Cited in the old numbering: where its section's number is now another's, say which. */
        out.push(fmt(T.note_formerly, { old: cited(old) }));
      }
      if (change.to) {
        /* The old place of a moved element: the new place, then the old one. */
        var both = placesOf(nw, change.to);
        return [both[1], fmt(T.note_formerly, { old: both[0] })];
      }
      if (change.moved && old && containerOf(old) === containerOf(nw)) {
        /* Its place among its siblings changed: the numbers say where, when it has one. */
        if (old.number && nw.number && old.number !== nw.number) {
          out.push(fmt(T.note_moved, { old: ownNumber(old), new: ownNumber(nw) }));
        } else if (change.positions) {
          out.push(fmt(T.note_moved, { old: fmt(T.place_nth, { n: String(change.positions[0]) }),
            new: fmt(T.place_nth, { n: String(change.positions[1]) }) }));
        }
      } else if (change.moved && old) {
        /* To another section (list, table): each place in its own version's numbering. */
        var moved = placesOf(old, nw);
        out.push(fmt(T.note_moved, { old: moved[0], new: moved[1] }));
      }
      if (change.renumbered && old) {
        out.push(fmt(T.note_renumbered, { old: ownNumber(old), new: ownNumber(nw) }));
      }
      if (old && source(old) !== source(nw)) {
        /* A cross-reference that now reads another number (text.json's refs: what each
           reference reads, by target, as compare/account.py's note reads them). */
        var read = new Map(old.refs || []);
        (nw.refs || []).forEach(function (ref) {
          if (read.has(ref[0]) && read.get(ref[0]) !== ref[1]) {
            out.push(fmt(T.note_reference, { old: read.get(ref[0]), new: ref[1] }));
          }
        });
      }
      if (change.markupOnly) out.push(T.markup_only);
      if (change.prominence) out.push(change.prominence === "on" ? T.note_prominent_on : T.note_prominent_off);
      if (change.only) {
        out.push(change.only === "zh" ? T.note_only_zh : T.note_only_en);
        if (change.acknowledged) out.push(T.note_translation_unchanged);
      }
      return out;
    }

    function where(change) {
      var section = change.element.section;
      if (section === null) return change.element.kind === "title" ? "" : T.preamble;
      return Object.prototype.hasOwnProperty.call(comparison.sectionNumbers, section)
        ? comparison.sectionNumbers[section] : section;
    }

    function entry(change) {
      var e = change.element;
      return {
        id: e.id, kind: e.kind, status: change.status,
        label: touched(change) ? T["label_" + change.status] : "",
        notes: notes(change), segments: change.segments, cells: change.cells,
        style: e.kind === "list" ? source(e) : null, where: where(change),
        parent: e.parent === undefined ? null : e.parent, marker: markerSegments(change),
        citation: e.citation || ""
      };
    }

    /* account.marker_segments: an item's or numbered clause's marker in each version (text.json's
       "marker", account.markers: the build writes every number, this script none), as a redline. */
    function markerSegments(change) {
      var old = change.status !== "added" && change.old ? change.old.marker || null : null;
      var nw = change.status !== "removed" && change.status !== "left" ? change.element.marker || null : null;
      if (!old && !nw) return [];
      if (old === nw) return [["equal", old]];
      var out = [];
      if (old) out.push(["delete", old]);
      if (nw) out.push(["insert", nw]);
      return out;
    }

    function isTouched(group) {
      return group.head.status !== "unchanged" ||
        group.children.some(function (c) { return c.status !== "unchanged"; });
    }

    function groups(changes) {
      var out = [];
      changes.forEach(function (change) {
        var e = change.element;
        /* account._groups: its list's or table's group, or that of the item whose list it is in. */
        if ((e.kind === "item" || e.kind === "row") && out.length &&
            out[out.length - 1].head.status !== "left" &&
            (e.parent === out[out.length - 1].head.id ||
             out[out.length - 1].children.some(function (c) { return c.id === e.parent && c.status !== "left"; }))) {
          out[out.length - 1].children.push(entry(change));
          return;
        }
        out.push({ head: entry(change), children: [] });
      });
      return out;
    }

    /* compare/diff.py in_order: the changes with the old places of moved elements. */
    function inOrder() {
      var out = [], i = 0;
      comparison.changes.concat([null]).forEach(function (change, index) {
        while (i < comparison.left.length && comparison.left[i][0] === index) out.push(comparison.left[i++][1]);
        if (change) out.push(change);
      });
      return out;
    }

    function bySection(changes) {
      var out = [], group = [], current = null;
      changes.forEach(function (change) {
        var section = change.element.section;
        if ((section !== current || change.element.kind === "section") && group.length) {
          out.push([current, group]);
          group = [];
        }
        current = section;
        group.push(change);
      });
      if (group.length) out.push([current, group]);
      return out;
    }

    /* compare/diff.py section_levels: a section's level by the sections above it. */
    var holders = {};
    comparison.changes.forEach(function (c) {
      [c.old, c.element].forEach(function (e) {
        if (e && e.kind === "section") holders[e.id] = e.holder || "";
      });
    });
    /* compare/diff.py sections_above: the sections that hold a section, outermost first. */
    function sectionsAbove(id) {
      var above = [], holder = holders[id], count = Object.keys(holders).length;
      while (Object.prototype.hasOwnProperty.call(holders, holder) && above.length < count) {
        above.unshift(holder);
        holder = holders[holder];
      }
      return above;
    }
    function levelOf(id) { return sectionsAbove(id).length + 1; }
    var shown = new Set();

    var parts = [];
    function part(type, id, heading, e, gs, level) {
      parts.push({ type: type, id: id, heading: heading, entry: e, groups: gs, level: level || 1 });
    }
    bySection(inOrder()).forEach(function (pair) {
      var section = pair[0], gs = groups(pair[1]), heading = null;
      if (gs.length && (gs[0].head.kind === "section" || gs[0].head.kind === "title") &&
          gs[0].head.status !== "left") {
        heading = gs.shift().head;
      }
      if (!gs.some(isTouched) && !(heading && heading.status !== "unchanged")) return;
      if (heading && heading.kind === "section") {
        /* account._parts: a sub-section under the headings of the sections above it. */
        sectionsAbove(heading.id).forEach(function (above) {
          if (shown.has(above)) return;
          part("section", above, comparison.sectionNumbers[above], null, [], levelOf(above));
          shown.add(above);
        });
        shown.add(heading.id);
        part("section", heading.id, comparison.sectionNumbers[heading.id], heading.status !== "unchanged" ? heading : null, [], levelOf(heading.id));
      } else if (heading && heading.status !== "unchanged") {
        part("title", heading.id, "", heading, []);
      }
      if (section === null && gs.some(isTouched)) part("preamble", RULES.preambleId, T.preamble, null, []);
      else if (section === RULES.endId && gs.some(isTouched)) part("preamble", RULES.endId, comparison.sectionNumbers[RULES.endId], null, []);
      var pending = [];
      gs.forEach(function (g) {
        if (isTouched(g)) {
          if (pending.length) { part("collapsed", null, "", null, pending); pending = []; }
          part("block", null, "", null, [g]);
        } else {
          pending.push(g);
        }
      });
      if (pending.length) part("collapsed", null, "", null, pending);
    });

    var counts = {};
    words.statuses.forEach(function (s) { counts[s] = 0; });
    var entries = comparison.changes.filter(touched).map(function (c) { counts[c.status] += 1; return entry(c); });
    var total = entries.length, summary;
    if (!total) {
      summary = T.no_changes;
    } else {
      var phrases = words.statuses.filter(function (s) {
        return counts[s] || words.alwaysCounted.indexOf(s) >= 0;
      }).map(function (s) { return fmt(T["count_" + s], { n: String(counts[s]) }); });
      summary = fmt(T.summary, { total: String(total), counts: phrases.join(T.count_joiner) });
    }
    var sections = [];
    comparison.changes.filter(touched).forEach(function (c) {
      var s = c.element.section;
      if (s && !sections.some(function (pair) { return pair[0] === s; })) {
        sections.push([s, Object.prototype.hasOwnProperty.call(comparison.sectionNumbers, s) ? comparison.sectionNumbers[s] : s]);
      }
    });
    var left = comparison.left.map(function (pair) { return entry(pair[1]); });
    var result = { lang: lang, counts: counts, summary: summary, sections: sections, entries: entries, left: left, parts: parts };
    if (comparison.prominent && comparison.prominent.length) {
      result.prominent = fmt(T.prominent_changed, { terms: comparison.prominent.join(T.prominent_joiner) });
    }
    return result;
  }

  /* -- Its HTML (site/changes.py) ----------------------------------------------------------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function marks(segs) {
    return segs.map(function (s) {
      return s[0] === "delete" ? el("del", {}, [s[1]]) : s[0] === "insert" ? el("ins", {}, [s[1]]) : s[1];
    });
  }

  /* site/changes.py cite_html: how a reader cites it, after its label. */
  function cite(e) {
    return e.citation ? [" ", el("span", { "class": "ls-change-cite" }, [e.citation])] : [];
  }

  function label(e) {
    if (e.status === "unchanged") return [];
    var notes = e.notes.map(function (note) { return " " + note; }).join("");
    return [el("span", { "class": "ls-change-label ls-change-" + e.status }, [e.label])].concat(cite(e), [notes, " "]);
  }

  function classes(e, base) {
    var out = base.slice();
    if (e.status !== "unchanged") out.push("ls-change", "ls-change-" + e.status);
    return out.join(" ");
  }

  /* An element id / URL fragment, as legalsite.model.escape.anchor makes it: the id itself for every
     id the model allows, any other character "-". */
  function anchor(id) { return String(id).replace(/[^a-z0-9_-]/gu, "-"); }

  function withId(e, base) {
    var attrs = { id: anchor(e.id) }, css = classes(e, base);
    if (css) attrs["class"] = css;
    return attrs;
  }

  function entryAttrs(e, base) { return { "class": classes(e, base), "data-id": anchor(e.id) }; }

  /* site/changes.py _number: an item's or numbered clause's number (or bullet) as text, as the
     account gives it; the browser draws none. */
  function number(e) {
    return e.marker && e.marker.length ? [el("span", { "class": "ls-number" }, marks(e.marker)), " "] : [];
  }

  /* site/changes.py _left: where a moved element went, linked to it, and its old place. */
  function left(e) {
    var rest = e.notes.slice(1).map(function (note) { return " " + note; }).join("");
    return [el("span", { "class": "ls-change-label ls-change-left" }, [e.label]), " ",
      el("a", { href: "#" + anchor(e.id) }, [e.notes[0]]), rest];
  }

  function blockHtml(group) {
    var head = group.head, out = [], depth = new Map();
    /* site/changes.py item_depths: an item of an item's list is marked with its depth. */
    function itemAttrs(c) {
      var level = (depth.get(c.parent || "") || 0) + 1;
      depth.set(c.id, level);
      return withId(c, level > 1 ? ["ls-depth-" + level] : []);
    }
    if (head.status === "left") return [el("p", entryAttrs(head, ["ls-left"]), number(head).concat(left(head)))];
    if (head.kind === "clause") {
      return [el("p", withId(head, ["ls-clause"]), number(head).concat(label(head), marks(head.segments)))];
    }
    if (head.kind === "verbatim") {
      return [el("div", withId(head, ["ls-verbatim"]), label(head).concat([el("pre", {}, marks(head.segments))]))];
    }
    if (head.kind === "list") {
      if (head.status !== "unchanged") {
        out.push(el("p", entryAttrs(head, ["ls-list-change"]), label(head).concat(marks(head.segments))));
      }
      out.push(el(head.style === "ordered" ? "ol" : "ul", { id: anchor(head.id), "class": "ls-list ls-marked" },
        group.children.map(function (c) {
          if (c.status === "left") {
            var level = (depth.get(c.parent || "") || 0) + 1;
            depth.set(c.id, level);
            return el("li", entryAttrs(c, ["ls-left"].concat(level > 1 ? ["ls-depth-" + level] : [])),
              number(c).concat(left(c)));
          }
          return el("li", itemAttrs(c), number(c).concat(label(c), marks(c.segments)));
        })));
      return out;
    }
    var headRow = el("tr", head.status !== "unchanged" ? entryAttrs(head, []) : {},
      head.cells.map(function (cell, i) {
        return el("th", { scope: "col" }, (i === 0 ? label(head) : []).concat(marks(cell)));
      }));
    var rows = group.children.map(function (c) {
      if (c.status === "left") {
        return el("tr", entryAttrs(c, ["ls-left"]), [el("td", { colspan: String(head.cells.length) }, left(c))]);
      }
      return el("tr", withId(c, []), c.cells.map(function (cell, i) {
        return el("td", {}, (i === 0 ? label(c) : []).concat(marks(cell)));
      }));
    });
    return [el("table", { id: anchor(head.id), "class": "ls-table" }, [el("thead", {}, [headRow]), el("tbody", {}, rows)])];
  }

  function body(result, words) {
    var T = words.text, out = [];
    result.parts.forEach(function (p) {
      if (p.type === "title") {
        out.push(el("p", entryAttrs(p.entry, ["ls-title-change"]),
          label(p.entry).concat([T.title_element + T.colon], marks(p.entry.segments))));
      } else if (p.type === "section" || p.type === "preamble") {
        out.push(el("h" + (p.level + 1), { id: anchor(p.id) }, [p.heading]));
        if (p.entry) {
          out.push(el("p", entryAttrs(p.entry, ["ls-section-change"]), label(p.entry).concat(marks(p.entry.segments))));
        }
      } else if (p.type === "collapsed") {
        var inner = [el("summary", {}, [fmt(T.unchanged_collapsed, { count: String(p.groups.length) })])];
        p.groups.forEach(function (g) { Array.prototype.push.apply(inner, blockHtml(g)); });
        out.push(el("details", { "class": "ls-unchanged" }, inner));
      } else {
        Array.prototype.push.apply(out, blockHtml(p.groups[0]));
      }
    });
    return out;
  }

  function summary(result, words) {
    var T = words.text;
    if (!result.entries.length) return el("div", { "class": "ls-summary" }, [el("p", {}, [T.same_text])]);
    var children = [el("p", {}, [result.summary])];
    if (result.sections.length) {
      var links = [T.sections_touched + " "];
      result.sections.forEach(function (pair, i) {
        if (i) links.push(T.list_joiner);
        links.push(el("a", { href: "#" + anchor(pair[0]) }, [pair[1]]));
      });
      children.push(el("p", {}, links));
    }
    return el("div", { "class": "ls-summary" }, children);
  }

  /* -- The page ----------------------------------------------------------------------------- */

  function page(form) {
    var words = JSON.parse(form.getAttribute("data-strings"));
    var from = form.querySelector("select[name=from]");
    var to = form.querySelector("select[name=to]");
    var out = document.querySelector(".ls-compare-result");
    var cache = {}, latest = 0;

    function load(url) {
      if (!cache[url]) {
        cache[url] = fetch(url).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
        cache[url].catch(function () { delete cache[url]; });
      }
      return cache[url];
    }

    function url(select) { return select.options[select.selectedIndex].getAttribute("data-url"); }
    function optionLabel(select) { return select.options[select.selectedIndex].textContent; }
    function has(select, id) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === id; });
    }

    /* The shareable address of the selection; the language switch keeps it. */
    function remember() {
      var query = "?from=" + encodeURIComponent(from.value) + "&to=" + encodeURIComponent(to.value);
      if (window.location.search !== query) {
        window.history.replaceState(null, "", query + window.location.hash);
      }
      document.querySelectorAll("a[hreflang]").forEach(function (link) {
        link.href = link.href.split("#")[0].split("?")[0] + query;
      });
    }

    /* The older version always on the left, whatever order the reader picked. */
    function order() {
      if (from.value <= to.value) return false;
      var older = to.value;
      to.value = from.value;
      from.value = older;
      return true;
    }

    function run() {
      var request = ++latest, swapped = order();
      remember();
      Promise.all([load(form.getAttribute("data-rules")), load(url(from)), load(url(to))])
        .then(function (data) {
          if (request !== latest) return;
          if (RULES !== data[0]) setRules(data[0]);
          var result = account(compare(data[1], data[2]), words);
          out.textContent = "";
          if (unknown) out.appendChild(el("p", { "class": "ls-compare-note" }, [words.text.compare_unknown]));
          unknown = false;  /* said once: the reader's own picks are versions of the document */
          if (swapped) out.appendChild(el("p", { "class": "ls-compare-note" }, [words.text.compare_swapped]));
          out.appendChild(el("p", { "class": "ls-compare-between" },
            [fmt(words.text.compare_between, { old: optionLabel(from), new: optionLabel(to) })]));
          if (result.prominent) {
            out.appendChild(el("div", { "class": "ls-prominent-changed", role: "note" },
              [el("p", {}, [el("strong", {}, [result.prominent])])]));
          }
          out.appendChild(summary(result, words));
          body(result, words).forEach(function (node) { out.appendChild(node); });
        })
        .catch(function () {
          if (request === latest) out.textContent = words.text.compare_failed;
        });
    }

    /* ?from=&to= name two of the document's versions; a link naming another is said so, and
       the default comparison (the latest change) is shown. */
    var params = new URLSearchParams(window.location.search), unknown = false;
    if (params.has("from") || params.has("to")) {
      if (has(from, params.get("from")) && has(to, params.get("to"))) {
        from.value = params.get("from");
        to.value = params.get("to");
      } else {
        unknown = true;
      }
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    from.addEventListener("change", run);
    to.addEventListener("change", run);
    run();
  }

  window.legalsiteCompare = {
    setRules: setRules,
    redline: redline,
    compare: compare,
    account: function (oldData, newData, words) { return account(compare(oldData, newData), words); },
    /* The redline's nodes the page shows for two texts (what site/changes.py changes_body writes). */
    body: function (oldData, newData, words) { return body(account(compare(oldData, newData), words), words); }
  };

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  /* The pickers' options, from the document's versions (a file of their own: the page does
     not grow with them), newest first; by default the newest against the one before it. */
  function fill(form, list, base) {
    ["from", "to"].forEach(function (name) {
      var select = form.querySelector("select[name=" + name + "]");
      list.slice().reverse().forEach(function (v) {
        var option = el("option", { value: v.id, "data-url": new URL(v.text, base).href }, [v.label]);
        select.appendChild(option);
      });
      select.value = form.getAttribute("data-" + name);
    });
  }

  ready(function () {
    var form = document.querySelector("form.ls-compare");
    if (!form) return;
    fetch(form.getAttribute("data-versions")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json().then(function (list) { fill(form, list, r.url); });
    }).then(function () { page(form); }, function () {
      var words = JSON.parse(form.getAttribute("data-strings"));
      document.querySelector(".ls-compare-result").textContent = words.text.compare_failed;
    });
  });
})();
