// Review app and static report: select a record to see its evidence, a highlight to see its record;
// in the app, decide with buttons or keys. Text only ever enters the page as textContent.
(function () {
  "use strict";

  const body = document.body;
  const reviewing = body.dataset.mode === "review";
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";
  let active = null; // the document panel the keys act on

  // --- reviewer name -------------------------------------------------------------------------------
  const reviewerInput = document.getElementById("reviewer");
  if (reviewerInput) {
    reviewerInput.value = localStorage.getItem("reviewer") || body.dataset.reviewer || "";
    reviewerInput.addEventListener("change", () => localStorage.setItem("reviewer", reviewerInput.value.trim()));
  }
  const reviewer = () => (reviewerInput ? reviewerInput.value.trim() : "");

  async function post(url, payload) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      return { ok: false, status: 0, data: { error: "The review server does not answer: is it still running?" } };
    }
    let data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function showMessage(element, text, kind) {
    if (!element) return;
    element.textContent = text;
    element.className = "message " + (kind || "");
  }

  function showProblems(form, problems) {
    form.querySelectorAll(".problem").forEach((p) => { p.textContent = ""; });
    (problems || []).forEach((problem) => {
      const name = String(problem.field).split(".")[0];
      const slot = form.querySelector('.problem[data-for="' + CSS.escape(name) + '"]');
      if (slot) slot.textContent = problem.message;
    });
  }

  function formValues(form) {
    const values = {};
    form.querySelectorAll("[data-list]").forEach((group) => { values[group.dataset.list] = []; });
    form.querySelectorAll("input, select").forEach((input) => {
      if (!input.name) return;
      if (input.type === "checkbox") {
        if (input.checked) values[input.name].push(input.value);
      } else {
        values[input.name] = input.value;
      }
    });
    return values;
  }

  // --- one document panel ----------------------------------------------------------------------------
  function setup(root) {
    const docId = root.dataset.docId;
    const textEl = root.querySelector(".doc-text");
    const marksByKey = new Map();
    root.querySelectorAll(".seg[data-keys]").forEach((seg) => {
      seg.dataset.keys.split(" ").forEach((key) => {
        if (!marksByKey.has(key)) marksByKey.set(key, []);
        marksByKey.get(key).push(seg);
      });
    });
    root.querySelectorAll(".chip[data-key]").forEach((chip) => {
      if (!marksByKey.has(chip.dataset.key)) marksByKey.set(chip.dataset.key, []);
      marksByKey.get(chip.dataset.key).push(chip);
    });
    const cardFor = (key) => root.querySelector('.card[data-key="' + CSS.escape(key) + '"]');
    const panel = { root: root, docId: docId, selectedKey: null };

    function select(key, options) {
      options = options || {};
      root.querySelectorAll(".sel").forEach((element) => element.classList.remove("sel"));
      panel.selectedKey = key;
      active = panel;
      const card = cardFor(key);
      const marks = marksByKey.get(key) || [];
      marks.forEach((mark) => mark.classList.add("sel"));
      if (card) {
        card.classList.add("sel");
        const group = card.closest("details");
        if (group && !group.open) group.open = true;
        if (options.scrollCard) card.scrollIntoView({ block: "nearest" });
      }
      if (options.scrollText && marks.length) marks[0].scrollIntoView({ block: "center" });
    }
    panel.select = select;

    // a highlight shows its record; clicking again on the same words steps to the next record there
    let lastClicked = null;
    let step = 0;
    textEl.addEventListener("click", (event) => {
      const selection = window.getSelection();
      if (selection && !selection.isCollapsed) return;
      const mark = event.target.closest(".seg[data-keys], .chip[data-key]");
      if (!mark) return;
      const keys = mark.classList.contains("chip") ? [mark.dataset.key] : mark.dataset.keys.split(" ");
      step = mark === lastClicked ? (step + 1) % keys.length : 0;
      lastClicked = mark;
      select(keys[step], { scrollCard: true });
    });

    root.querySelectorAll(".card").forEach((card) => {
      card.addEventListener("click", (event) => {
        if (event.target.closest("button, input, select, label, form")) return;
        select(card.dataset.key, { scrollText: true });
      });
    });

    panel.cards = () => Array.from(root.querySelectorAll(".card")).filter((card) => {
      const group = card.closest("details");
      return !group || group.open;
    });

    panel.move = (delta) => {
      const cards = panel.cards();
      if (!cards.length) return;
      const index = cards.findIndex((card) => card.dataset.key === panel.selectedKey);
      const next = index < 0 ? 0 : Math.min(Math.max(index + delta, 0), cards.length - 1);
      select(cards[next].dataset.key, { scrollCard: true, scrollText: true });
    };

    if (reviewing) setupReview(panel, textEl);
    return panel;
  }

  // --- decisions (the app only) ----------------------------------------------------------------------
  function setupReview(panel, textEl) {
    const root = panel.root;

    async function decide(card, action, changes) {
      const message = card.querySelector(".message");
      const result = await post("/api/decisions", {
        key: card.dataset.key, action: action, version: Number(card.dataset.version), reviewer: reviewer(),
        doc_id: panel.docId, changes: changes || null,
      });
      if (!result.ok) {
        showMessage(message, result.data.error || "Not saved (HTTP " + result.status + ").", "error");
        if (result.status === 409) card.classList.add("conflict");
        const form = card.querySelector(".edit-form");
        if (form && result.data.problems) showProblems(form, result.data.problems);
        return false;
      }
      const decision = result.data.decision;
      if (action === "correct" || action === "dismiss") {
        location.hash = "card=" + encodeURIComponent(decision.record_key);
        location.reload();
        return true;
      }
      card.dataset.version = decision.version;
      card.className = card.className.replace(/\bst-\S+/g, "").trim() + " st-" + decision.status;
      card.querySelector(".status-badge").textContent = decision.status.replace("_", " ");
      const decided = card.querySelector(".decided");
      if (decided) decided.textContent = " · " + decision.status + " by " + decision.reviewer + ", " + decision.decided_at;
      showMessage(message, "Saved.", "ok");
      updateProgress();
      return true;
    }
    panel.decide = decide;

    function updateProgress() {
      const counted = root.querySelectorAll('.card[data-kind="meeting"], .card[data-kind="commitment"], .card[data-kind="area"]');
      const done = Array.from(counted).filter((card) => /\bst-(accepted|rejected|corrected|added)\b/.test(card.className));
      const bar = root.querySelector(".progress-line progress");
      const count = root.querySelector(".progress-count");
      if (bar) bar.value = done.length;
      if (count) count.textContent = done.length + "/" + counted.length;
    }

    root.querySelectorAll(".card").forEach((card) => {
      const form = card.querySelector(".edit-form");
      card.querySelectorAll("button[data-action]").forEach((button) => {
        button.addEventListener("click", async () => {
          const action = button.dataset.action;
          if (action === "edit") { openEditor(card); return; }
          if (action === "cancel") { form.hidden = true; return; }
          panel.select(card.dataset.key, {});
          const saved = await decide(card, action);
          if (saved && (action === "accept" || action === "reject")) panel.move(1);
        });
      });
      if (form) {
        form.addEventListener("submit", async (event) => {
          event.preventDefault();
          showProblems(form, []);
          await decide(card, "correct", formValues(form));
        });
      }
    });

    function openEditor(card) {
      const form = card.querySelector(".edit-form");
      if (!form) return;
      panel.select(card.dataset.key, {});
      form.hidden = false;
      const first = form.querySelector("input, select");
      if (first) first.focus();
    }
    panel.openEditor = openEditor;

    // adding what the pipeline missed: select the words, choose meeting or commitment
    const addPanel = root.querySelector(".add-panel");
    const addKind = addPanel.querySelector(".add-kind");
    let pending = null;

    function offsetAt(node, offset) {
      let element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
      if (node.nodeType !== Node.TEXT_NODE) {
        const child = node.childNodes[offset];
        if (!child) {
          const segs = node.querySelectorAll ? node.querySelectorAll(".seg") : [];
          const last = segs[segs.length - 1] || element.closest(".seg");
          return last ? Number(last.dataset.start) + last.textContent.length : null;
        }
        element = child.nodeType === Node.TEXT_NODE ? child.parentElement : child;
        offset = 0;
      }
      while (element && element.classList && element.classList.contains("chip")) {
        element = element.nextElementSibling;
        offset = 0;
      }
      const seg = element && element.closest ? element.closest(".seg") : null;
      return seg ? Number(seg.dataset.start) + offset : null;
    }

    function textBetween(start, end) {
      let words = "";
      textEl.querySelectorAll(".seg").forEach((seg) => {
        const from = Number(seg.dataset.start);
        const to = from + seg.textContent.length;
        if (to > start && from < end) words += seg.textContent.slice(Math.max(start - from, 0), Math.min(end, to) - from);
      });
      return words;
    }

    function showAddForm() {
      addPanel.querySelectorAll(".add-form").forEach((form) => { form.hidden = form.dataset.kind !== addKind.value; });
    }
    addKind.addEventListener("change", showAddForm);

    function onSelect() {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return;
      const range = selection.getRangeAt(0);
      if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) return;
      const start = offsetAt(range.startContainer, range.startOffset);
      const end = offsetAt(range.endContainer, range.endOffset);
      if (start === null || end === null || end <= start) return;
      pending = { start: start, end: end };
      const words = textBetween(start, end);
      addPanel.querySelector(".add-quote").textContent = words.length > 140 ? words.slice(0, 139) + "…" : words;
      const nameFields = addPanel.querySelectorAll('.add-form[data-kind="meeting"] input[name="name_vi"], .add-form[data-kind="meeting"] input[name="name_en"]');
      nameFields.forEach((input) => { input.value = words.trim(); });
      showMessage(addPanel.querySelector(":scope > .message"), "", "");
      addPanel.hidden = false;
      showAddForm();
      active = panel;
    }
    textEl.addEventListener("mouseup", onSelect);
    textEl.addEventListener("keyup", onSelect);

    addPanel.querySelectorAll(".add-form").forEach((form) => {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!pending) return;
        showProblems(form, []);
        const result = await post("/api/additions", {
          doc_id: panel.docId, kind: form.dataset.kind, start: pending.start, end: pending.end,
          reviewer: reviewer(), fields: formValues(form),
        });
        if (!result.ok) {
          showMessage(addPanel.querySelector(":scope > .message"), result.data.error || "Not saved.", "error");
          showProblems(form, result.data.problems);
          return;
        }
        location.hash = "card=" + encodeURIComponent(result.data.decision.record_key);
        location.reload();
      });
      form.querySelector('[data-action="cancel-add"]').addEventListener("click", () => { addPanel.hidden = true; pending = null; });
    });
  }

  // --- keys (the app only) -------------------------------------------------------------------------
  function onKey(event) {
    if (!active || event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest && event.target.closest("input, select, textarea");
    if (event.key === "Escape") {
      active.root.querySelectorAll(".edit-form").forEach((form) => { form.hidden = true; });
      const addPanel = active.root.querySelector(".add-panel");
      if (addPanel) addPanel.hidden = true;
      if (typing) event.target.blur();
      return;
    }
    if (typing) return;
    const card = active.selectedKey ? active.root.querySelector('.card[data-key="' + CSS.escape(active.selectedKey) + '"]') : null;
    const decideAndMove = async (action) => {
      if (card && !card.classList.contains("orphan") && (await active.decide(card, action))) active.move(1);
    };
    switch (event.key) {
      case "a": decideAndMove("accept"); break;
      case "r": case "x": decideAndMove("reject"); break;
      case "u": if (card && card.querySelector('[data-action="reset"]')) active.decide(card, "reset"); break;
      case "e": if (card) active.openEditor(card); break;
      case "j": case "n": active.move(1); break;
      case "k": case "p": active.move(-1); break;
      case "N": { const next = document.getElementById("next-document"); if (next) location.href = next.href; break; }
      default: return;
    }
    event.preventDefault();
  }

  const panels = Array.from(document.querySelectorAll(".doc-layout")).map(setup);
  if (reviewing && panels.length) {
    document.addEventListener("keydown", onKey);
    const panel = panels[0];
    const wanted = decodeURIComponent((location.hash.match(/^#card=(.+)$/) || [])[1] || "");
    const first = panel.root.querySelector(".card.st-unreviewed") || panel.root.querySelector(".card");
    const key = wanted || (first ? first.dataset.key : null);
    if (key) panel.select(key, { scrollCard: true, scrollText: Boolean(wanted) });
  }
})();
