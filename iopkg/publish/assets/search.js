/* iopkg's search page: Pagefind's index (written at publish time under pagefind/), a select per
   filter, the matching agreements as a table, and the matching rows as CSV (the columns and
   order of the catalogue query "agreements", quoted as Python's csv module quotes). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("search-config").textContent);
  var root = new URL(document.querySelector("script[src$='assets/search.js']").getAttribute("src")
    .replace(/assets\/search\.js$/, ""), document.baseURI).href;
  var status = document.getElementById("status");
  var tbody = document.querySelector("#results tbody");
  var input = document.getElementById("q");
  var more = document.getElementById("more");
  var csvButton = document.getElementById("csv");
  var xlsxButton = document.getElementById("xlsx");
  var pagefind = null;
  var current = [];
  var shown = 0;
  var serial = 0;
  var PAGE = 25;

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function selected() {
    var filters = {};
    document.querySelectorAll("#filters select").forEach(function (s) {
      if (s.value) filters[s.dataset.filter] = s.value;
    });
    return filters;
  }

  function row(data) {
    var tr = el("tr");
    var a = el("a", data.meta.title, { href: root + data.meta.url });
    var td = el("td"); td.appendChild(a); tr.appendChild(td);
    tr.appendChild(el("td", data.meta.municipality));
    tr.appendChild(el("td", data.meta.party));
    tr.appendChild(el("td", data.meta.start));
    tr.appendChild(el("td", data.meta.end));
    tr.appendChild(el("td", data.meta.total, { "class": "num" }));
    return tr;
  }

  async function showMore(mine) {
    var batch = current.slice(shown, shown + PAGE);
    var datas = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (mine !== serial) return;
    datas.forEach(function (d) { tbody.appendChild(row(d)); });
    shown += batch.length;
    more.hidden = shown >= current.length;
  }

  async function run() {
    var mine = ++serial;
    var term = input.value.trim();
    var filters = selected();
    var started = performance.now();
    var search = await pagefind.search(term || null, { filters: filters, sort: { start: "asc" } });
    if (mine !== serial) return;
    status.dataset.searchMs = Math.round(performance.now() - started);  // the index alone
    current = search.results;
    shown = 0;
    tbody.textContent = "";
    await showMore(mine);
    if (mine !== serial) return;
    var ms = Math.round(performance.now() - started);
    status.textContent = config.words.results + ": " + current.length;
    status.dataset.ms = ms;
    status.dataset.count = current.length;
    csvButton.disabled = current.length === 0;
    xlsxButton.disabled = current.length === 0 || !config.xlsx;
  }

  function csvCell(v, all) {
    v = v === null || v === undefined ? "" : String(v);
    if (all || /[",\n\r]/.test(v)) return '"' + v.replace(/"/g, '""') + '"';
    return v;
  }

  async function rows() {
    var out = [];
    for (var i = 0; i < current.length; i += 200) {
      var datas = await Promise.all(current.slice(i, i + 200).map(function (r) { return r.data(); }));
      datas.forEach(function (d) { out.push(JSON.parse(d.meta.row)); });
    }
    var c = config.columns;
    var code = c.indexOf("municipalityCode"), start = c.indexOf("start"), id = c.indexOf("agreement");
    out.sort(function (a, b) {
      return a[code] < b[code] ? -1 : a[code] > b[code] ? 1 : a[start] < b[start] ? -1 :
        a[start] > b[start] ? 1 : a[id] < b[id] ? -1 : a[id] > b[id] ? 1 : 0;
    });
    return out;
  }

  function save(blob, name) {
    var a = el("a", null, { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }

  async function downloadCsv() {
    var lines = [config.columns].concat(await rows()).map(function (r) {
      var all = r.some(function (v) { return String(v).indexOf("\r") >= 0; });
      return r.map(function (v) { return csvCell(v, all); }).join(",") + "\n";
    });
    var text = lines.join("");
    document.getElementById("csv").dataset.csv = text;  // for the browser tests
    save(new Blob([text], { type: "text/csv;charset=utf-8" }), "iop-" + config.lang + ".csv");
  }

  function load(src) {  // SheetJS is large: fetched only when an XLSX is asked for
    return new Promise(function (resolve, reject) {
      if (window.XLSX) return resolve();
      var s = el("script", null, { src: src });
      s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  async function downloadXlsx() {
    await load(root + "assets/vendor/xlsx.full.min.js");
    var sheet = window.XLSX.utils.aoa_to_sheet([config.columns].concat(await rows()));
    var book = window.XLSX.utils.book_new();
    window.XLSX.utils.book_append_sheet(book, sheet, "IOP");
    var data = window.XLSX.write(book, { type: "base64", bookType: "xlsx", compression: true });
    xlsxButton.dataset.xlsx = data;  // for the browser tests
    var bytes = Uint8Array.from(atob(data), function (c) { return c.charCodeAt(0); });
    save(new Blob([bytes], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }), "iop-" + config.lang + ".xlsx");
  }

  async function start() {
    pagefind = await import(root + "pagefind/pagefind.js");
    await pagefind.options({ basePath: root + "pagefind/" });
    await pagefind.init();
    var filters = await pagefind.filters();
    var box = document.getElementById("filters");
    config.filters.forEach(function (f) {
      var values = Object.keys(filters[f[0]] || {});
      values.sort(function (a, b) { return a.localeCompare(b, config.lang); });
      var id = "filter-" + f[0];
      var p = el("p");
      p.appendChild(el("label", f[1], { "for": id }));
      p.appendChild(document.createTextNode(" "));
      var s = el("select", null, { id: id });
      s.dataset.filter = f[0];
      s.appendChild(el("option", config.words.all, { value: "" }));
      values.forEach(function (v) { s.appendChild(el("option", v, { value: v })); });
      s.addEventListener("change", run);
      p.appendChild(s);
      box.appendChild(p);
    });
    input.addEventListener("input", run);
    more.addEventListener("click", function () { showMore(serial); });
    csvButton.addEventListener("click", downloadCsv);
    xlsxButton.addEventListener("click", downloadXlsx);
    await run();
    document.body.dataset.ready = "true";
  }

  start().catch(function (e) { status.textContent = String(e); });
})();
