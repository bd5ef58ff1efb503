/* iopkg's search page: Pagefind's index (written at publish time under pagefind/<lang>/, one
   index per shard of agreements, the shards in the order the table lists them), a select per
   filter, the matching agreements as a table, and the matching rows as CSV (the columns and
   order of the catalogue query "agreements", quoted as Python's csv module quotes).

   A search asks the shards one after another, shows the first page of rows as soon as it has
   them, and counts the rest after; rows beyond the first page are read when asked for ("+25"),
   and every matching row only for a download. A newer search stops an older one between two
   shards, and only one search runs at a time. */
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
  var shards = [];  // a promise of each shard's Pagefind instance, made when first needed
  var ready = [];  // the instances made so far
  var current = null;  // the selection on show
  var serial = 0;
  var PAGE = 25;
  var SHORT = 150;

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

  /* One Pagefind search at a time: the searches of queries typed meanwhile wait here, and only
     the newest runs when its turn comes (typing "kommun" searches "k" and "kommun", not the
     four between). */
  var gate = Promise.resolve();
  function exclusive(task) {
    var turn = gate.then(task);
    gate = turn.catch(function () {});
    return turn;
  }

  function shard(i) {
    if (!shards[i]) {
      shards[i] = (async function () {
        var instance = pagefind.createInstance({ basePath: root + config.shards[i][0] });
        await instance.init();
        ready.push(instance);
        return instance;
      })();
    }
    return shards[i];
  }

  /* The index chunks of a query, fetched from the shards that are ready, all at once: their
     searches then run one after another without waiting for the network. */
  function preload(sel) {
    if (sel.count !== null) return;  // nothing asked: no chunk needed
    ready.forEach(function (instance) {
      instance.preload(sel.term || null, { filters: sel.filters }).catch(function () {});
    });
  }

  /* The agreements matching a term and filters: Pagefind's results of the shards asked so far
     (in the table's order), the next shard to ask, and the count once every shard has answered
     (known at once when nothing is asked: every agreement). */
  function Selection(term, filters) {
    this.term = term;
    this.filters = filters;
    this.results = [];
    this.next = 0;
    this.serial = serial;
    this.count = !term && Object.keys(filters).length === 0 ? config.count : null;
    this.queue = Promise.resolve();
  }

  Selection.prototype.stale = function () { return this.serial !== serial; };

  Selection.prototype.done = function () {
    return this.next >= config.shards.length ||
      (this.count !== null && this.results.length >= this.count);
  };

  /* Ask shards until ``n`` results are in (or every shard has answered); one caller at a time. */
  Selection.prototype.reach = function (n) {
    var self = this;
    self.queue = self.queue.then(async function () {
      while (self.results.length < n && !self.done()) {
        if (self.stale()) return;
        var instance = await shard(self.next);
        var search = await exclusive(function () {
          return self.stale() ? null : instance.search(self.term || null,
            { filters: self.filters, sort: { start: "asc" } });
        });
        if (search === null) return;
        self.results.push.apply(self.results, search.results);
        self.next += 1;
      }
      if (self.done() && self.count === null) self.count = self.results.length;
    });
    return self.queue;
  };

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

  async function showMore(sel) {
    var from = tbody.children.length;
    await sel.reach(from + PAGE);
    var batch = sel.results.slice(from, from + PAGE);
    var datas = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (sel.stale() || tbody.children.length !== from) return;
    datas.forEach(function (d) { tbody.appendChild(row(d)); });
    more.hidden = sel.count !== null && tbody.children.length >= sel.count;
  }

  function tell(sel, started) {
    if (sel.count === null) {
      status.textContent = config.words.results + ": " + sel.results.length + "+ (" +
        config.words.counting + ")";
      return;
    }
    status.textContent = config.words.results + ": " + sel.count;
    status.dataset.count = sel.count;
    status.dataset.countMs = Math.round(performance.now() - started);
    csvButton.disabled = sel.count === 0;
    xlsxButton.disabled = sel.count === 0 || !config.xlsx;
    more.hidden = tbody.children.length >= sel.count;
  }

  async function run() {
    var mine = ++serial;
    var started = performance.now();
    var sel = new Selection(input.value.trim(), selected());
    delete status.dataset.count;
    if (sel.term.length > 0 && sel.term.length < 3) {
      // one or two letters match most words of a shard (Pagefind searches prefixes), and are
      // nearly always the start of a longer word: searched only when no key follows within
      // SHORT ms
      await new Promise(function (resolve) { setTimeout(resolve, SHORT); });
      if (sel.stale()) return;
    }
    preload(sel);
    await sel.reach(PAGE);
    if (sel.stale()) return;
    status.dataset.searchMs = Math.round(performance.now() - started);  // the index alone
    current = sel;
    tbody.textContent = "";
    csvButton.disabled = true;
    xlsxButton.disabled = true;
    await showMore(sel);
    if (sel.stale()) return;
    status.dataset.ms = Math.round(performance.now() - started);  // the first rows on show
    tell(sel, started);
    if (sel.count === null) {
      await sel.reach(Infinity);  // the count: the other shards, after the first rows
      if (sel.stale() || mine !== serial) return;
      tell(sel, started);
    }
  }

  function csvCell(v, all) {
    v = v === null || v === undefined ? "" : String(v);
    if (all || /[",\n\r]/.test(v)) return '"' + v.replace(/"/g, '""') + '"';
    return v;
  }

  async function rows() {
    var sel = current;
    await sel.reach(Infinity);
    var out = [];
    for (var i = 0; i < sel.results.length; i += 200) {
      var datas = await Promise.all(sel.results.slice(i, i + 200).map(function (r) {
        return r.data();
      }));
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

  function filterBoxes(values) {
    var box = document.getElementById("filters");
    config.filters.forEach(function (f) {
      var options = (values[f[0]] || []).slice();
      options.sort(function (a, b) { return a.localeCompare(b, config.lang); });
      var id = "filter-" + f[0];
      var p = el("p");
      p.appendChild(el("label", f[1], { "for": id }));
      p.appendChild(document.createTextNode(" "));
      var s = el("select", null, { id: id });
      s.dataset.filter = f[0];
      s.appendChild(el("option", config.words.all, { value: "" }));
      options.forEach(function (v) { s.appendChild(el("option", v, { value: v })); });
      s.addEventListener("change", run);
      p.appendChild(s);
      box.appendChild(p);
    });
  }

  async function start() {
    if (config.shards.length === 0) {  // nothing published yet: nothing to search
      status.textContent = config.words.nothing;
      status.dataset.count = 0;
      input.disabled = true;
      document.body.dataset.ready = "true";
      return;
    }
    var values = fetch(root + config.values).then(function (r) { return r.json(); });
    pagefind = await import(root + config.shards[0][0] + "pagefind.js");
    shard(0);  // loads the first index while the filters are built
    filterBoxes(await values);
    input.addEventListener("input", run);
    more.addEventListener("click", function () { if (current) showMore(current); });
    csvButton.addEventListener("click", downloadCsv);
    xlsxButton.addEventListener("click", downloadXlsx);
    await run();
    document.body.dataset.ready = "true";
    for (var i = 1; i < config.shards.length; i++) await shard(i);  // ready for the next query
  }

  start().catch(function (e) { status.textContent = String(e); });
})();
