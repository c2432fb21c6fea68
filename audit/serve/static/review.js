// The review page: sends the article to /v1/check, shows every finding underlined in
// place, applies safe fixes. Article text is only ever inserted as text nodes
// (textContent, createTextNode), never as HTML, so markup in an article shows as text.
"use strict";

(function () {
  const RTL = new Set(["ar", "arc", "ckb", "dv", "fa", "ha", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);
  const $ = (id) => document.getElementById(id);
  let current = null; // {target, source, findings}

  // Findings count characters as Python does (code points); JavaScript strings count
  // UTF-16 units, in which an emoji or a rare CJK character is two. at[k] is the
  // JavaScript index of code point k.
  function codePoints(text) {
    const at = [0];
    for (const ch of text) at.push(at[at.length - 1] + ch.length);
    return at;
  }

  function direction(lang) {
    if (!lang) return "auto";
    return RTL.has(lang.toLowerCase().split(/[-_]/)[0]) ? "rtl" : "ltr";
  }

  function headers(json) {
    const h = {};
    if (json) h["Content-Type"] = "application/json";
    const token = $("token").value.trim();
    if (token) h["Authorization"] = "Bearer " + token;
    return h;
  }

  function article() {
    const a = { id: "article", target: $("target").value };
    const source = $("source").value;
    if (source.trim()) a.source = source;
    const tl = $("target-lang").value.trim();
    const sl = $("source-lang").value.trim();
    if (tl) a.target_lang = tl;
    if (sl && a.source) a.source_lang = sl;
    return a;
  }

  // data-done counts finished requests (checks, fixes, errors): tests wait on it.
  function status(message, error, done) {
    const s = $("status");
    s.textContent = message;
    s.className = error ? "error" : "";
    if (done || error) s.dataset.done = String(Number(s.dataset.done || "0") + 1);
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: headers(true), body: JSON.stringify(body) });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      throw new Error((data && data.error) || ("the server answered " + response.status));
    }
    return data;
  }

  async function check() {
    const a = article();
    if (!a.target.trim()) { status("Paste or upload a translation first.", true); return; }
    status("Checking…");
    try {
      const data = await post("/v1/check", a);
      current = { target: a.target, source: a.source || "", findings: data.findings, sourceLang: a.source_lang || "", targetLang: a.target_lang || "" };
      show();
      const n = data.findings.length;
      status(n === 0 ? "No findings." : n + (n === 1 ? " finding" : " findings") + (data.pass ? " (passes)." : " (does not pass)."), false, true);
    } catch (e) {
      status(e.message, true);
    }
  }

  // The text of one side with its findings as <mark> elements; overlapping findings
  // after the first are listed but not underlined.
  function render(view, text, side) {
    view.replaceChildren();
    const at = codePoints(text);
    let pos = 0;
    current.findings.forEach((f, index) => {
      if ((f.side || "target") !== side || at[f.start] < pos || f.end >= at.length) return;
      const start = at[f.start], end = at[f.end];
      view.append(document.createTextNode(text.slice(pos, start)));
      const mark = document.createElement("mark");
      mark.className = f.severity;
      mark.tabIndex = 0;
      mark.dataset.index = String(index);
      mark.dataset.code = f.code;
      mark.setAttribute("aria-describedby", "tip");
      mark.setAttribute("aria-label", f.text + ": " + f.severity + " " + f.code + ", " + f.message);
      mark.textContent = text.slice(start, end) || "\u200b";
      mark.addEventListener("mouseenter", () => tip(mark, f));
      mark.addEventListener("focus", () => tip(mark, f));
      mark.addEventListener("mouseleave", untip);
      mark.addEventListener("blur", untip);
      mark.addEventListener("keydown", (event) => {
        if ((event.key === "Enter" || event.key === " ") && f.fixable && f.suggestion !== null) {
          event.preventDefault();
          accept(index);
        }
      });
      view.append(mark);
      pos = end;
    });
    view.append(document.createTextNode(text.slice(pos)));
  }

  // A message in the page's direction with the flagged words isolated: <bdi> keeps an
  // English message and an Arabic excerpt from reordering each other.
  function message(parent, f) {
    const sev = document.createElement("span");
    sev.className = "sev " + f.severity;
    sev.textContent = f.severity;
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = " " + f.code + " ";
    const text = document.createElement("bdi");
    text.textContent = f.message;
    parent.append(sev, code, text);
    if (f.suggestion !== null && f.suggestion !== undefined) {
      const s = document.createElement("span");
      s.className = "suggestion";
      s.append(document.createTextNode(" → "));
      const b = document.createElement("bdi");
      b.textContent = f.suggestion === "" ? "(remove)" : f.suggestion;
      s.append(b);
      parent.append(s);
    }
  }

  function tip(mark, f) {
    const t = $("tip");
    t.replaceChildren();
    message(t, f);
    if (f.fixable && f.suggestion !== null) {
      const hint = document.createElement("div");
      hint.textContent = "Enter: accept the fix";
      t.append(hint);
    }
    const r = mark.getBoundingClientRect();
    t.style.left = window.scrollX + r.left + "px";
    t.style.top = window.scrollY + r.bottom + 4 + "px";
    t.hidden = false;
  }

  function untip() { $("tip").hidden = true; }

  function show() {
    $("results").hidden = false;
    const tv = $("target-view");
    tv.dir = direction(current.targetLang);
    if (current.targetLang) tv.lang = current.targetLang;
    render(tv, current.target, "target");
    const sv = $("source-view");
    $("source-box").hidden = !current.source;
    sv.dir = direction(current.sourceLang);
    if (current.sourceLang) sv.lang = current.sourceLang; else sv.removeAttribute("lang");
    render(sv, current.source, "source");
    const list = $("findings");
    list.replaceChildren();
    current.findings.forEach((f, index) => {
      const li = document.createElement("li");
      li.dataset.code = f.code;
      message(li, f);
      if (f.fixable && f.suggestion !== null && (f.side || "target") === "target") {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "accept";
        b.textContent = "Accept fix";
        b.setAttribute("aria-label", "Accept fix: " + f.text + " → " + f.suggestion);
        b.addEventListener("click", () => accept(index));
        li.append(" ", b);
      }
      list.append(li);
    });
    $("fix-all").disabled = !current.findings.some((f) => f.fixable && f.suggestion !== null);
  }

  function accept(index) {
    const f = current.findings[index];
    const text = current.target;
    const at = codePoints(text);
    $("target").value = text.slice(0, at[f.start]) + f.suggestion + text.slice(at[f.end]);
    untip();
    return check();
  }

  async function fixAll() {
    status("Fixing…");
    try {
      const data = await post("/v1/fix", article());
      $("target").value = data.files[0].documents[0].fixed;
      await check();
    } catch (e) {
      status(e.message, true);
    }
  }

  function readInto(input, area) {
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then((text) => { area.value = text; }, () => status("Could not read " + file.name, true));
    });
  }

  async function copy() {
    const text = $("target").value;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      $("target").select();
      document.execCommand("copy");
    }
    status("Copied.");
  }

  function download() {
    const url = URL.createObjectURL(new Blob([$("target").value], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "article.txt";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("input").addEventListener("submit", (event) => { event.preventDefault(); check(); });
    $("fix-all").addEventListener("click", fixAll);
    $("copy").addEventListener("click", copy);
    $("download").addEventListener("click", download);
    readInto($("target-file"), $("target"));
    readInto($("source-file"), $("source"));
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") untip(); });
  });
})();
