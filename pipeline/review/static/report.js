// The static report's index: the document list, from the JSON block in the page, a page at a time, with
// a search over titles and file names. Text only ever enters the page as textContent.
(function () {
  "use strict";

  const PER_PAGE = 50;
  const data = document.getElementById("report-documents");
  const body = document.getElementById("doc-rows");
  if (!data || !body) return;
  const rows = JSON.parse(data.textContent);
  rows.forEach((row) => { row.haystack = (row.title + " " + row.source).toLowerCase(); });
  const search = document.getElementById("doc-search");
  const count = document.getElementById("doc-count");
  const pageLabel = document.getElementById("doc-page");
  const previous = document.getElementById("doc-previous");
  const next = document.getElementById("doc-next");
  let shown = rows;
  let page = 0;

  const href = (row) => "docs/" + String(row.page).padStart(4, "0") + ".html#doc-" + encodeURIComponent(row.id);

  function cell(tr, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }

  function rowElement(row) {
    const tr = document.createElement("tr");
    const first = cell(tr, "");
    const link = document.createElement("a");
    link.className = "doc-link";
    link.href = href(row);
    link.textContent = row.title;
    const source = document.createElement("div");
    source.className = "muted small";
    source.textContent = row.source + (row.published ? " · " + row.published : "");
    first.append(link, source);
    cell(tr, row.lang);
    cell(tr, String(row.meetings), "num");
    cell(tr, String(row.commitments), "num");
    cell(tr, String(row.areas), "num");
    cell(tr, row.review, "small");
    return tr;
  }

  function draw() {
    const pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
    page = Math.min(page, pages - 1);
    const slice = shown.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
    body.replaceChildren(...slice.map(rowElement));
    count.textContent = shown.length === rows.length ? rows.length + " documents"
      : shown.length + " of " + rows.length + " documents match";
    pageLabel.textContent = "page " + (page + 1) + " of " + pages;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    shown = words.length ? rows.filter((row) => words.every((word) => row.haystack.includes(word))) : rows;
    page = 0;
    draw();
  });
  previous.addEventListener("click", () => { page -= 1; draw(); });
  next.addEventListener("click", () => { page += 1; draw(); });
  draw();
})();
