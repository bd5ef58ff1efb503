/* iopkg's funding network: the nodes and edges written at publish time, drawn with sigma.js
   (graphology for the graph); a node found by name is highlighted and its neighbours kept. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var graph = new graphology.MultiDirectedGraph();
  data.nodes.forEach(function (n) {
    graph.addNode(n.id, { label: n.label, x: n.x, y: n.y, size: n.size, color: n.color,
                          href: n.href, money: n.money, kind: n.kind });
  });
  data.edges.forEach(function (e) {
    graph.addEdge(e.source, e.target, { size: e.size, type: "arrow", color: "#999" });
  });
  var renderer = new Sigma(graph, document.getElementById("graph"),
                           { renderEdgeLabels: false, labelRenderedSizeThreshold: 6 });
  var info = document.getElementById("node-info");
  var focus = null;
  renderer.setSetting("nodeReducer", function (node, attrs) {
    if (!focus || node === focus || graph.areNeighbors(node, focus)) return attrs;
    return Object.assign({}, attrs, { color: "#ddd", label: "" });
  });
  function find(name) {
    focus = graph.findNode(function (n, a) { return a.label === name; }) || null;
    info.textContent = focus ? graph.getNodeAttribute(focus, "label") + ": " +
      graph.getNodeAttribute(focus, "kind") + ", " + graph.getNodeAttribute(focus, "money") : "";
    renderer.refresh();
  }
  document.getElementById("node-search").addEventListener("input", function (e) {
    find(e.target.value);
  });
  renderer.on("clickNode", function (e) {
    var href = graph.getNodeAttribute(e.node, "href");
    if (href) window.location.href = href;
  });
  window.iopkgNetwork = { graph: graph, renderer: renderer };
  document.body.dataset.ready = "true";
})();
