// The proofreading page: checks the text through /v1/check, marks the
// findings under the text and lists them by kind. No build step, no
// dependencies; everything is served by the jiaodui binary.
"use strict";

(function () {
  const DEBOUNCE_MS = 400;
  // Used when a finding carries no `serious` flag (servers before the
  // library declared categories): what the quarterly inspection counts as
  // 严重表述错误.
  const SERIOUS_RULES = new Set(["formulation.near-miss", "name.leader", "agency.renamed", "secrecy.marking"]);
  const SERIOUS_NAME = "严重表述错误";
  const KIND_ORDER = [SERIOUS_NAME, "疑似错别字", "规范表述", "法律法规引用", "敏感用语", "个人信息", "数字与日期", "重复字词", "标点与格式", "其他"];
  const SEVERITY_NAME = { error: "错误", warning: "警告", info: "提示" };

  const $ = (id) => document.getElementById(id);
  const ta = $("text");
  const backdrop = $("backdrop");
  const editor = $("editor");
  const statusEl = $("status");
  const countsEl = $("counts");
  const resultsEl = $("results");
  const ignoredEl = $("ignored");
  const kindEl = $("kind");
  const charcountEl = $("charcount");

  const state = {
    text: "",
    findings: [],        // {s, e (UTF-16 offsets), rule, severity, message, found, suggestions, line, serious, kind}
    checkedText: null,   // the text the findings were computed for
    seq: 0,
    controller: null,
    timer: 0,
    inputAt: 0,          // performance.now() of the input the next check answers
    ignored: new Set(),  // rule|found|context keys
    ignoredWords: new Set(),
    ruleKinds: new Map(),
    fileName: "",
    active: -1,
    focusAfter: -1,
  };

  function token() { return sessionStorage.getItem("jiaodui-token") || ""; }

  async function api(path, init) {
    init = init || {};
    const headers = Object.assign({}, init.headers || {});
    if (token()) headers["Authorization"] = "Bearer " + token();
    const res = await fetch(path, Object.assign({}, init, { headers }));
    if (res.status === 401) {
      if (await askToken()) return api(path, init);
    }
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message : "服务返回错误 " + res.status;
      const err = new Error(msg);
      err.code = body && body.error ? body.error.code : "http_" + res.status;
      throw err;
    }
    return body;
  }

  function askToken() {
    const dialog = $("token-dialog");
    if (!dialog.showModal) return Promise.resolve(false);
    return new Promise((resolve) => {
      dialog.addEventListener("close", function onClose() {
        dialog.removeEventListener("close", onClose);
        const v = $("token-input").value.trim();
        if (dialog.returnValue === "ok" && v) {
          sessionStorage.setItem("jiaodui-token", v);
          resolve(true);
        } else {
          resolve(false);
        }
      });
      dialog.showModal();
    });
  }

  // ---- positions -------------------------------------------------------

  // UTF-16 offsets (JavaScript string indices) of UTF-8 byte offsets, in
  // one pass over the text.
  function byteToUtf16(text, bytes) {
    const sorted = Array.from(new Set(bytes)).sort((a, b) => a - b);
    const out = new Map();
    let b = 0, u = 0, k = 0;
    while (k < sorted.length && u <= text.length) {
      if (b >= sorted[k]) { out.set(sorted[k], u); k++; continue; }
      if (u >= text.length) { out.set(sorted[k], u); k++; continue; }
      const cp = text.codePointAt(u);
      b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      u += cp >= 0x10000 ? 2 : 1;
    }
    return out;
  }

  function isSerious(f) {
    if (typeof f.serious === "boolean") return f.serious;
    return SERIOUS_RULES.has(f.rule) || (f.rule === "political.term" && f.severity === "error");
  }

  function kindOf(f) {
    if (f.serious) return SERIOUS_NAME;
    if (f.category && typeof f.category === "object" && f.category.name) return f.category.name;
    return state.ruleKinds.get(f.rule) || "其他";
  }

  function keyOf(f, text) {
    const before = text.slice(Math.max(0, f.s - 6), f.s);
    const after = text.slice(f.e, f.e + 6);
    return f.rule + "|" + f.found + "|" + before + "|" + after;
  }

  function visible(text) {
    return state.findings.filter((f) => !state.ignoredWords.has(f.found) && !state.ignored.has(keyOf(f, text)));
  }

  // ---- rendering -------------------------------------------------------

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  }

  function renderBackdrop() {
    const text = ta.value;
    const list = visible(text).slice().sort((a, b) => a.s - b.s || b.e - a.e);
    let html = "", at = 0;
    for (const f of list) {
      if (f.s < at || f.e > text.length || f.e <= f.s) continue; // overlapping or stale
      html += escapeHtml(text.slice(at, f.s));
      const cls = "m-" + f.severity + (f.serious ? " m-serious" : "") + (f.id === state.active ? " active" : "");
      html += '<mark class="' + cls + '" data-id="' + f.id + '">' + escapeHtml(text.slice(f.s, f.e)) + "</mark>";
      at = f.e;
    }
    html += escapeHtml(text.slice(at)) + " ";
    backdrop.innerHTML = html;
    backdrop.scrollTop = ta.scrollTop;
  }

  function chip(label, n, cls) {
    const el = document.createElement("span");
    el.className = "chip" + (cls ? " " + cls : "");
    el.innerHTML = escapeHtml(label) + " <b>" + n + "</b>";
    return el;
  }

  function renderResults() {
    const text = ta.value;
    const list = visible(text);
    // Rebuilding the list keeps its scroll position and the focused button.
    const scroll = resultsEl.scrollTop;
    let refocus = null;
    if (resultsEl.contains(document.activeElement)) {
      const li = document.activeElement.closest(".finding");
      if (li) refocus = { index: Array.from(resultsEl.querySelectorAll(".finding")).indexOf(li), act: document.activeElement.dataset.act };
    }
    countsEl.textContent = "";
    resultsEl.textContent = "";
    renderIgnored();
    if (!text.trim()) {
      resultsEl.innerHTML = '<p class="placeholder">粘贴文本后自动检查，结果按类别列在这里：严重表述错误排在最前。</p>';
      return;
    }
    if (state.checkedText === null) {
      resultsEl.innerHTML = '<p class="placeholder">检查中……</p>';
      return;
    }
    if (list.length === 0) {
      countsEl.appendChild(chip("共", 0, "ok"));
      const chars = Array.from(text).length;
      resultsEl.innerHTML =
        '<div class="clean" id="clean-state"><span class="mark" aria-hidden="true">✓</span><h3>未发现问题</h3><p>已检查 ' +
        chars.toLocaleString("zh-CN") + " 字" + (state.ignored.size + state.ignoredWords.size ? "（不含已忽略的）" : "") +
        "。发布前请再通读一遍。</p></div>";
      if (state.focusAfter >= 0) { $("results-title").focus(); state.focusAfter = -1; }
      return;
    }
    const groups = new Map();
    for (const f of list) {
      const k = kindOf(f);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(f);
    }
    const names = Array.from(groups.keys()).sort((a, b) => rank(a) - rank(b));
    countsEl.appendChild(chip("共", list.length, "total"));
    for (const name of names) countsEl.appendChild(chip(name, groups.get(name).length, name === SERIOUS_NAME ? "serious" : ""));

    for (const name of names) {
      const section = document.createElement("section");
      section.className = "group" + (name === SERIOUS_NAME ? " serious" : "");
      const h = document.createElement("h3");
      h.innerHTML = escapeHtml(name) + ' <span class="n">' + groups.get(name).length + " 处</span>";
      section.appendChild(h);
      const ol = document.createElement("ol");
      for (const f of groups.get(name).sort((a, b) => a.s - b.s)) ol.appendChild(item(f));
      section.appendChild(ol);
      resultsEl.appendChild(section);
    }
    resultsEl.scrollTop = scroll;
    const items = resultsEl.querySelectorAll(".finding");
    if (state.focusAfter >= 0) {
      // After 采纳 or 忽略: the next finding's first button.
      const target = items[Math.min(state.focusAfter, items.length - 1)];
      if (target) target.querySelector("button").focus({ preventScroll: true });
      state.focusAfter = -1;
    } else if (refocus && refocus.index >= 0) {
      const target = items[Math.min(refocus.index, items.length - 1)];
      const button = target && (target.querySelector('button[data-act="' + refocus.act + '"]') || target.querySelector("button"));
      if (button) button.focus({ preventScroll: true });
    }
  }

  function rank(name) {
    const i = KIND_ORDER.indexOf(name);
    return i < 0 ? KIND_ORDER.length - 1 : i;
  }

  function label(s) { return s === "" ? "（删除）" : s; }

  function item(f) {
    const li = document.createElement("li");
    li.className = "finding sev-" + f.severity + (f.serious ? " serious" : "") + (f.id === state.active ? " active" : "");
    li.dataset.id = f.id;
    const sugg = f.suggestions.length ? f.suggestions[0] : null;
    let head = '<div class="f-head">';
    if (f.serious) head += '<span class="badge serious">严重</span>';
    else head += '<span class="badge sev-' + f.severity + '">' + SEVERITY_NAME[f.severity] + "</span>";
    // A lone punctuation mark or symbol is shown in a box, so that “,” and
    // “，” can be told apart.
    const box = (s) => (s !== "" && Array.from(s).length <= 2 && !/\p{Script=Han}/u.test(s) ? " boxed" : "");
    head += '<span class="f-found' + box(f.found) + '">' + escapeHtml(visibleChars(f.found)) + "</span>";
    if (sugg !== null) head += '<span class="f-arrow" aria-hidden="true">→</span><span class="f-sugg' + box(sugg) + '">' + escapeHtml(label(visibleChars(sugg))) + "</span>";
    head += '<span class="f-where">第 ' + f.line + " 行</span></div>";
    let html = head + '<p class="f-msg">' + escapeHtml(f.message) + "</p>";
    if (f.suggestions.length > 1) {
      html += '<div class="f-alt">其他建议：' + f.suggestions.slice(1).map((s, i) =>
        '<button type="button" data-act="accept" data-s="' + (i + 1) + '" aria-label="采纳“' + escapeHtml(label(s)) + '”">' + escapeHtml(label(s)) + "</button>").join("") + "</div>";
    }
    html += '<div class="f-actions">';
    if (sugg !== null) html += '<button type="button" class="primary" data-act="accept" data-s="0" aria-label="采纳：将“' + escapeHtml(f.found) + "”改为“" + escapeHtml(label(sugg)) + '”">采纳</button>';
    html += '<button type="button" data-act="ignore" aria-label="忽略此处“' + escapeHtml(f.found) + '”">忽略</button>';
    html += '<button type="button" data-act="ignore-all" aria-label="全文忽略“' + escapeHtml(f.found) + '”">全部忽略</button>';
    html += '<span class="f-rule">' + escapeHtml(f.rule) + "</span></div>";
    li.innerHTML = html;
    return li;
  }

  // Invisible characters shown as their code, so an item for a zero-width
  // space is not empty.
  function visibleChars(s) {
    return s.replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, (c) => "U+" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"))
      .replace(/\u00a0/g, "U+00A0");
  }

  function renderIgnored() {
    const n = state.ignored.size + state.ignoredWords.size;
    if (!n) { ignoredEl.hidden = true; ignoredEl.textContent = ""; return; }
    ignoredEl.hidden = false;
    ignoredEl.innerHTML = "<span>已忽略 " + state.ignored.size + " 处" +
      (state.ignoredWords.size ? "，全文忽略 " + state.ignoredWords.size + " 个词" : "") + "</span>";
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = "全部恢复";
    b.addEventListener("click", () => { state.ignored.clear(); state.ignoredWords.clear(); render(); });
    ignoredEl.appendChild(b);
  }

  function render() {
    renderBackdrop();
    renderResults();
  }

  function setStatus(msg, isError) {
    statusEl.textContent = msg;
    statusEl.classList.toggle("error", !!isError);
  }

  function updateCount() {
    charcountEl.textContent = Array.from(ta.value).length.toLocaleString("zh-CN") + " 字";
  }

  // ---- checking --------------------------------------------------------

  function schedule(now) {
    clearTimeout(state.timer);
    if (now) { check(); return; }
    state.timer = setTimeout(check, DEBOUNCE_MS);
  }

  async function check() {
    clearTimeout(state.timer);
    const text = ta.value;
    const seq = ++state.seq;
    if (state.controller) state.controller.abort();
    if (!text.trim()) {
      state.findings = [];
      state.checkedText = "";
      setStatus("就绪");
      render();
      return;
    }
    const controller = new AbortController();
    state.controller = controller;
    const started = state.inputAt || performance.now();
    setStatus("正在检查……");
    try {
      const body = await api("/v1/check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, type: kindEl.value, fail_on: "never" }),
        signal: controller.signal,
      });
      if (seq !== state.seq || ta.value !== text) return; // a newer check is coming
      accept(body.findings, text);
      render();
      state.inputAt = 0;
      requestAnimationFrame(() => {
        const ms = Math.round(performance.now() - started);
        document.body.dataset.checkMs = String(ms);
        document.body.dataset.checked = String(seq);
        const chars = Array.from(text).length.toLocaleString("zh-CN");
        const n = state.findings.length;
        setStatus("已检查 " + chars + " 字，" + (n ? "发现 " + n + " 处" : "未发现问题") + " · " + ms + " 毫秒");
      });
    } catch (err) {
      if (err.name === "AbortError") return;
      if (seq !== state.seq) return;
      setStatus(err.code === undefined ? "无法连接校对服务，请确认服务仍在运行" : err.message, true);
      state.checkedText = state.checkedText === null ? "" : state.checkedText;
      resultsEl.innerHTML = '<div class="banner" role="alert">' + escapeHtml(err.code === undefined ? "无法连接校对服务：" + err.message : err.message) + "</div>";
    }
  }

  let nextId = 1;
  function accept(findings, text) {
    const bytes = [];
    for (const f of findings) bytes.push(f.byte_start, f.byte_end);
    const map = byteToUtf16(text, bytes);
    state.findings = findings.map((f) => {
      const g = {
        id: nextId++,
        s: map.get(f.byte_start),
        e: map.get(f.byte_end),
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        found: f.found,
        suggestions: f.suggestions || [],
        line: f.line,
        category: f.category,
      };
      g.serious = isSerious(Object.assign({}, f, g, { serious: f.serious }));
      return g;
    });
    state.checkedText = text;
  }

  // Keeps the marks under their words while typing: findings after the
  // edit move by its length, those it touches are dropped until the next
  // check.
  function shiftFindings(oldText, newText) {
    let p = 0;
    const max = Math.min(oldText.length, newText.length);
    while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
    const oldEnd = oldText.length - s;
    const delta = newText.length - oldText.length;
    state.findings = state.findings.filter((f) => f.e <= p || f.s >= oldEnd).map((f) => {
      if (f.s >= oldEnd) { f.s += delta; f.e += delta; }
      return f;
    });
  }

  let checkNow = false;
  ta.addEventListener("input", (ev) => {
    const now = checkNow || (ev.inputType && /^insertFrom(Paste|Drop)/.test(ev.inputType)) || state.text === "";
    checkNow = false;
    shiftFindings(state.text, ta.value);
    state.text = ta.value;
    if (!state.inputAt) state.inputAt = performance.now();
    updateCount();
    renderBackdrop();
    // The list stays as it is until the check answers: it does not jump
    // under the reader's eyes or lose the focused button while typing.
    if (now) {
      setStatus("正在检查……");
    } else {
      setStatus("输入中……停顿后自动检查");
    }
    schedule(now);
  });

  ta.addEventListener("scroll", () => {
    backdrop.scrollTop = ta.scrollTop;
    backdrop.scrollLeft = ta.scrollLeft;
  });

  // The finding under the caret is shown in the list (wide screens only:
  // on a phone the list is below and would pull the page away).
  const wide = window.matchMedia("(min-width: 901px)");
  function caretMoved() {
    const c = ta.selectionStart;
    const f = visible(ta.value).find((f) => f.s <= c && c <= f.e);
    const id = f ? f.id : -1;
    if (id === state.active) return;
    setActive(id, wide.matches);
  }
  ta.addEventListener("click", caretMoved);
  ta.addEventListener("keyup", (e) => { if (e.key.startsWith("Arrow") || e.key === "Home" || e.key === "End") caretMoved(); });

  function setActive(id, scrollList) {
    state.active = id;
    for (const el of document.querySelectorAll(".active")) el.classList.remove("active");
    if (id < 0) return;
    const m = backdrop.querySelector('mark[data-id="' + id + '"]');
    if (m) m.classList.add("active");
    const li = resultsEl.querySelector('.finding[data-id="' + id + '"]');
    if (li) {
      li.classList.add("active");
      if (scrollList) li.scrollIntoView({ block: "nearest" });
    }
  }

  function findingById(id) { return state.findings.find((f) => f.id === id); }

  resultsEl.addEventListener("click", (ev) => {
    const li = ev.target.closest(".finding");
    if (!li) return;
    const f = findingById(Number(li.dataset.id));
    if (!f) return;
    const btn = ev.target.closest("button");
    const act = btn ? btn.dataset.act : null;
    const index = Array.from(resultsEl.querySelectorAll(".finding")).indexOf(li);
    if (act === "accept") {
      applySuggestion(f, f.suggestions[Number(btn.dataset.s) || 0], index);
    } else if (act === "ignore") {
      state.ignored.add(keyOf(f, ta.value));
      state.focusAfter = index;
      render();
      if (!visible(ta.value).length) $("results-title").focus();
    } else if (act === "ignore-all") {
      state.ignoredWords.add(f.found);
      state.focusAfter = index;
      render();
      if (!visible(ta.value).length) $("results-title").focus();
    } else if (!btn) {
      // Select the words in the text.
      ta.focus({ preventScroll: true });
      ta.setSelectionRange(f.s, f.e);
      scrollTextTo(f.s);
      setActive(f.id, false);
    }
  });

  // Scrolls the textarea so that offset `at` is in view, using the mark's
  // position in the backdrop.
  function scrollTextTo(at) {
    const m = Array.from(backdrop.querySelectorAll("mark")).find((el) => {
      const f = findingById(Number(el.dataset.id));
      return f && f.s === at;
    });
    if (!m) return;
    const top = m.offsetTop - ta.clientHeight / 3;
    ta.scrollTop = Math.max(0, top);
    backdrop.scrollTop = ta.scrollTop;
  }

  function applySuggestion(f, replacement, index) {
    if (replacement === undefined) return;
    if (ta.value.slice(f.s, f.e) !== f.found) { schedule(true); return; } // stale
    const keepScroll = ta.scrollTop;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(f.s, f.e);
    checkNow = true;
    state.focusAfter = index;
    // insertText keeps the browser's undo history (Ctrl+Z undoes 采纳).
    let ok = false;
    try { ok = document.execCommand("insertText", false, replacement); } catch (_) { ok = false; }
    if (!ok || ta.value.slice(f.s, f.s + replacement.length) !== replacement) {
      ta.setRangeText(replacement, f.s, f.e, "end");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }
    ta.scrollTop = keepScroll;
    backdrop.scrollTop = keepScroll;
    setStatus("已改为“" + label(replacement) + "”，重新检查……");
  }

  // ---- files -----------------------------------------------------------

  async function loadFile(file) {
    if (!file) return;
    const name = file.name || "";
    const ext = (name.split(".").pop() || "").toLowerCase();
    state.fileName = name;
    setStatus("正在读取 " + name + "……");
    try {
      if (ext === "docx") {
        const form = new FormData();
        form.append("file", file, name);
        const body = await api("/v1/check", { method: "POST", body: form });
        kindEl.value = "text";
        setText(body.text);
        accept(body.findings, body.text);
        render();
        setStatus("已读取 " + name);
      } else {
        const text = await file.text();
        kindEl.value = ext === "md" || ext === "markdown" ? "markdown" : ext === "html" || ext === "htm" ? "html" : "text";
        setText(text.replace(/^\ufeff/, ""));
        state.inputAt = performance.now();
        schedule(true);
      }
    } catch (err) {
      setStatus(err.message, true);
    }
  }

  function setText(text) {
    ta.value = text;
    state.text = text;
    state.findings = [];
    state.checkedText = null;
    ta.scrollTop = 0;
    updateCount();
    render();
  }

  $("file").addEventListener("change", (ev) => { loadFile(ev.target.files[0]); ev.target.value = ""; });
  editor.addEventListener("dragover", (ev) => {
    if (ev.dataTransfer && Array.from(ev.dataTransfer.types).includes("Files")) { ev.preventDefault(); editor.classList.add("dragging"); }
  });
  editor.addEventListener("dragleave", () => editor.classList.remove("dragging"));
  editor.addEventListener("drop", (ev) => {
    editor.classList.remove("dragging");
    if (ev.dataTransfer && ev.dataTransfer.files.length) { ev.preventDefault(); loadFile(ev.dataTransfer.files[0]); }
  });
  kindEl.addEventListener("change", () => schedule(true));

  $("copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(ta.value);
      setStatus("已复制全文（" + Array.from(ta.value).length + " 字）");
    } catch (_) {
      ta.focus();
      ta.select();
      const ok = document.execCommand("copy");
      setStatus(ok ? "已复制全文" : "无法复制，请手动选择文本复制", !ok);
    }
  });

  $("download").addEventListener("click", () => {
    const ext = kindEl.value === "markdown" ? ".md" : kindEl.value === "html" ? ".html" : ".txt";
    const base = state.fileName ? state.fileName.replace(/\.[^.]+$/, "") + "-校对后" : "校对后文本";
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([ta.value], { type: "text/plain;charset=utf-8" }));
    a.download = base + ext;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    setStatus("已下载 " + a.download);
  });

  $("clear").addEventListener("click", () => {
    state.fileName = "";
    setText("");
    state.checkedText = "";
    setStatus("就绪");
    ta.focus();
  });

  // ---- start -----------------------------------------------------------

  api("/v1/rules").then((body) => {
    for (const r of body.rules) state.ruleKinds.set(r.id, r.kind && r.kind.name ? r.kind.name : "其他");
    if (state.findings.length) renderResults();
  }).catch(() => {});

  state.text = ta.value;
  updateCount();
  if (ta.value) schedule(true);
  document.body.dataset.ready = "1";
})();
