// kg map: an actor's network from the public GraphQL API, drawn with cytoscape.js.
// Everything the page shows comes from POST {root}/graphql; the view lives in the URL's query
// string (actor, hops, types, from, to, edge, colour) so a link reopens the same view.
(function () {
  "use strict";

  const ROOT = document.body.dataset.root || "";
  const ENDPOINT = ROOT + "/graphql";
  const PAGE = 100; // relations per request (the API caps `first` at KG_API_MAX_FIRST, 100 by default)
  const CENTRE_PAGES = 5; // at most 500 relations of the selected actor
  const SECOND_HOP_LIMIT = 30; // neighbours expanded for two hops, most documents first
  const BATCH = 8; // entities per request when expanding (aliases stay under the API's cap)
  const TIMELINE_MONTHS = 120;
  const TIMELINE_MIN_MONTHS = 12; // a single busy month still reads as a bar among empty ones

  const KIND_COLOURS = {
    PERSON: "#4C8EDA",
    ORGANIZATION: "#F79767",
    COUNTRY: "#57C7E3",
    GROUP: "#F16667",
    LOCATION: "#8DCC93",
    EVENT: "#FFC454",
  };
  // Families share a hue: violence red, pressure orange, talk blue, cooperation green, structure grey.
  const TYPE_COLOURS = {
    ATTACKED: "#c62828", FOUGHT: "#e53935", KILLED: "#7f0000", CAPTURED: "#ad1457",
    THREATENED: "#ef6c00", ACCUSED: "#fb8c00", CRITICIZED: "#f9a825", REJECTED: "#8d6e63", PROTESTED: "#d84315",
    CONSULTED: "#1565c0", MET: "#42a5f5", MEDIATED: "#6a1b9a", URGED: "#00838f", DECLARED: "#7986cb",
    AGREED_TO: "#2e7d32", OFFERED: "#66bb6a", REQUESTED_AID: "#9e9d24", SUPPORTED: "#00897b", DEPLOYED: "#5d4037",
    COOPERATED: "#43a047", AIDED: "#afb42b", CONCEDED: "#7cb342", WITHDREW: "#80cbc4", INVESTIGATED: "#8e24aa",
    SANCTIONED: "#6a1b9a", COERCED: "#d81b60",
    HOLDS_ROLE: "#546e7a", MEMBER_OF: "#78909c", PART_OF: "#90a4ae", ALLIED_WITH: "#37474f", LOCATED_IN: "#b0bec5",
  };
  // PLOVER: cooperation green/blue, investigation grey, verbal conflict orange, material conflict red.
  const PLOVER_COLOURS = {
    AGREE: "#2e7d32", CONSULT: "#1565c0", SUPPORT: "#00897b", COOPERATE: "#43a047", AID: "#9e9d24",
    CONCEDE: "#7cb342", RETREAT: "#80cbc4", INVESTIGATE: "#78909c",
    DEMAND: "#f9a825", DISAPPROVE: "#fb8c00", REJECT: "#8d6e63", THREATEN: "#ef6c00", PROTEST: "#d84315",
    MOBILIZE: "#6d4c41", SANCTION: "#ad1457", COERCE: "#e53935", ASSAULT: "#b71c1c",
  };
  const PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
    "#1f78b4", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#6a3d9a", "#b15928", "#8dd3c7"];

  // ---------------------------------------------------------------- state and URL

  const state = {
    actor: null, // id of the centre
    hops: 1,
    types: null, // Set of hidden-by-filter types; null = all shown
    from: "",
    to: "",
    edge: null, // "subject~TYPE~object"
    colour: "type",
  };

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    state.actor = params.get("actor") || null;
    state.hops = params.get("hops") === "2" ? 2 : 1;
    const types = params.get("types");
    state.types = types === null ? null : new Set(types.split(",").filter(Boolean));
    state.from = validDate(params.get("from"));
    state.to = validDate(params.get("to"));
    state.edge = params.get("edge") || null;
    state.colour = params.get("colour") === "plover" ? "plover" : "type";
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    if (state.actor) params.set("actor", state.actor);
    if (state.hops !== 1) params.set("hops", String(state.hops));
    if (state.types !== null) params.set("types", Array.from(state.types).sort().join(","));
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    if (state.edge) params.set("edge", state.edge);
    if (state.colour !== "type") params.set("colour", state.colour);
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "");
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function validDate(value) {
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
  }

  // ---------------------------------------------------------------- GraphQL

  async function gql(query, variables) {
    const response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    });
    let body;
    try {
      body = await response.json();
    } catch (error) {
      throw new Error("the API answered " + response.status + " without JSON");
    }
    if (body.errors && body.errors.length) {
      throw new Error(body.errors.map(function (e) { return e.message; }).join("; "));
    }
    return body.data;
  }

  function relationFields() {
    return "type claimCount documentCount firstSeen lastSeen confidence plover" +
      " subject { id name kind } object { id name kind }";
  }

  function entityRelationsFragment() {
    const relations = "relations(first: " + PAGE + ", after: $after) { totalCount pageInfo { hasNextPage endCursor } " +
      "edges { node { " + relationFields() + " } } }";
    return "fragment N on Entity { id name kind ... on Actor { aliases roles " + relations + " } " +
      "... on Event { aliases date " + relations + " } }";
  }

  // The relations of several entities at once (one request per BATCH entities).
  async function relationsOf(ids, after) {
    const found = {};
    for (let start = 0; start < ids.length; start += BATCH) {
      const chunk = ids.slice(start, start + BATCH);
      const declarations = chunk.map(function (_, i) { return "$id" + i + ": ID!"; }).join(", ");
      const fields = chunk.map(function (_, i) { return "e" + i + ": entity(id: $id" + i + ") { ...N }"; }).join(" ");
      const variables = { after: after || null };
      chunk.forEach(function (id, i) { variables["id" + i] = id; });
      const data = await gql("query Net(" + declarations + ", $after: String) { " + fields + " } " +
        entityRelationsFragment(), variables);
      chunk.forEach(function (id, i) { if (data["e" + i]) found[id] = data["e" + i]; });
    }
    return found;
  }

  // ---------------------------------------------------------------- the network

  let cy = null;
  let network = { centre: null, relations: new Map(), nodes: new Map(), truncated: "" };
  let loadToken = 0;

  function edgeId(relation) {
    return relation.subject.id + "~" + relation.type + "~" + relation.object.id;
  }

  function addRelation(relation) {
    const id = edgeId(relation);
    if (!network.relations.has(id)) network.relations.set(id, relation);
    [relation.subject, relation.object].forEach(function (entity) {
      if (!network.nodes.has(entity.id)) network.nodes.set(entity.id, entity);
    });
  }

  async function loadNetwork() {
    const token = ++loadToken;
    setStatus("Loading the network…");
    const centreId = state.actor;
    const first = await relationsOf([centreId], null);
    let centre = first[centreId];
    if (!centre) {
      if (token === loadToken) setStatus("No actor or event with id “" + centreId + "”.", true);
      return null;
    }
    const built = { centre: centre, relations: new Map(), nodes: new Map(), truncated: "" };
    network = built;
    built.nodes.set(centre.id, { id: centre.id, name: centre.name, kind: centre.kind });
    let page = centre.relations;
    let pages = 1;
    page.edges.forEach(function (edge) { addRelation(edge.node); });
    while (page.pageInfo.hasNextPage && pages < CENTRE_PAGES) {
      const more = await relationsOf([centreId], page.pageInfo.endCursor);
      page = more[centreId].relations;
      page.edges.forEach(function (edge) { addRelation(edge.node); });
      pages += 1;
    }
    if (page.pageInfo.hasNextPage) {
      built.truncated = "showing " + built.relations.size + " of " + centre.relations.totalCount + " relations";
    }
    built.centreRelations = Array.from(built.relations.values());
    if (state.hops === 2) {
      const weight = new Map();
      built.centreRelations.forEach(function (relation) {
        const other = relation.subject.id === centreId ? relation.object.id : relation.subject.id;
        weight.set(other, (weight.get(other) || 0) + relation.documentCount);
      });
      const neighbours = Array.from(weight.keys()).filter(function (id) { return id !== centreId; });
      neighbours.sort(function (a, b) { return weight.get(b) - weight.get(a) || a.localeCompare(b); });
      const expanded = neighbours.slice(0, SECOND_HOP_LIMIT);
      const second = await relationsOf(expanded, null);
      expanded.forEach(function (id) {
        if (second[id]) second[id].relations.edges.forEach(function (edge) { addRelation(edge.node); });
      });
      if (neighbours.length > expanded.length) {
        built.truncated = (built.truncated ? built.truncated + "; " : "") +
          "second hop from the " + expanded.length + " of " + neighbours.length + " neighbours with most documents";
      }
    }
    if (token !== loadToken) return null; // a newer request won
    return built;
  }

  function kindColour(kind) { return KIND_COLOURS[kind] || "#A5ABB6"; }

  // The category an edge is coloured by: its type, or the first of the PLOVER categories its
  // claims give (the API lists them sorted; a relation's claims rarely disagree).
  function categoryOf(relation) {
    if (state.colour !== "plover") return relation.type;
    const categories = Array.isArray(relation.plover) ? relation.plover : relation.plover ? [relation.plover] : [];
    return categories.length ? categories[0] : "(none)";
  }

  const assigned = new Map();
  function categoryColour(category) {
    if (state.colour === "type" && TYPE_COLOURS[category]) return TYPE_COLOURS[category];
    if (state.colour === "plover" && PLOVER_COLOURS[category]) return PLOVER_COLOURS[category];
    if (category === "(none)") return "#bdbdbd";
    if (!assigned.has(category)) assigned.set(category, PALETTE[assigned.size % PALETTE.length]);
    return assigned.get(category);
  }

  function draw() {
    const centreId = network.centre.id;
    const maxDocuments = Math.max(1, ...Array.from(network.relations.values()).map(function (r) { return r.documentCount; }));
    const elements = [];
    network.nodes.forEach(function (node) {
      elements.push({ group: "nodes", data: {
        id: node.id, label: node.name, kind: node.kind, colour: kindColour(node.kind), centre: node.id === centreId ? 1 : 0,
      } });
    });
    network.relations.forEach(function (relation, id) {
      elements.push({ group: "edges", data: {
        id: id, source: relation.subject.id, target: relation.object.id, type: relation.type,
        colour: categoryColour(categoryOf(relation)),
        // Curated relations may have no document: drawn as thin as a one-document relation.
        width: 1.5 + 6.5 * (Math.max(1, relation.documentCount) - 1) / Math.max(1, maxDocuments - 1),
      } });
    });
    if (cy) cy.destroy();
    cy = window.cytoscape({
      container: document.getElementById("graph"),
      elements: elements,
      minZoom: 0.15,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", label: "data(label)", "font-size": 11, color: "#1f2430",
          "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 120,
          "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1,
          width: 26, height: 26, "border-width": 1.5, "border-color": "#fff",
        } },
        { selector: "node[centre = 1]", style: { width: 40, height: 40, "border-width": 4, "border-color": "#1f2430", "font-weight": "bold" } },
        { selector: "edge", style: {
          width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.9, opacity: 0.85,
          label: "", "font-size": 9, color: "#37474f", "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.85,
        } },
        { selector: "edge:selected, edge.hover", style: { label: "data(type)", opacity: 1, "z-index": 10, "underlay-color": "#ffd54f", "underlay-opacity": 0.6, "underlay-padding": 3 } },
        { selector: "node:selected", style: { "border-color": "#ffb300", "border-width": 4 } },
        { selector: ".filtered", style: { display: "none" } },
      ],
      layout: { name: "preset" },
    });
    cy.on("tap", "edge", function (event) { selectEdge(event.target.id(), true); });
    cy.on("tap", "node", function (event) { showEntity(event.target.id()); });
    cy.on("dbltap", "node", function (event) { centreOn(event.target.id()); });
    cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
    cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });
    cy.on("tap", function (event) { if (event.target === cy) clearSelection(); });
    applyFilters();
    runLayout();
  }

  function recolour() {
    if (!cy) return;
    cy.edges().forEach(function (edge) {
      edge.data("colour", categoryColour(categoryOf(network.relations.get(edge.id()))));
    });
    renderLegend();
    refreshTimeline();
  }

  function runLayout() {
    const visible = cy.elements().not(".filtered");
    const layout = visible.layout({
      name: "fcose",
      animate: false, randomize: true, nodeRepulsion: 9000, idealEdgeLength: 110, padding: 40,
      nodeDimensionsIncludeLabels: true,
    });
    layout.run();
  }

  // ---------------------------------------------------------------- filters

  function edgeInDateRange(relation) {
    if (!state.from && !state.to) return true;
    if (!relation.firstSeen && !relation.lastSeen) return false; // undated: cannot be shown in range
    const first = relation.firstSeen || relation.lastSeen;
    const last = relation.lastSeen || relation.firstSeen;
    return (!state.from || last >= state.from) && (!state.to || first <= state.to);
  }

  function typeShown(type) {
    return state.types === null || state.types.has(type);
  }

  function applyFilters() {
    if (!cy) return;
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        const relation = network.relations.get(edge.id());
        const shown = typeShown(relation.type) && edgeInDateRange(relation);
        edge.toggleClass("filtered", !shown);
      });
      cy.nodes().forEach(function (node) {
        const isCentre = node.id() === network.centre.id;
        const linked = node.connectedEdges().not(".filtered").length > 0;
        node.toggleClass("filtered", !isCentre && !linked);
      });
    });
    const shownEdges = cy.edges().not(".filtered").length;
    setStatus(describeNetwork(shownEdges));
    renderLegend();
    renderTimeline();
  }

  function describeNetwork(shownEdges) {
    const total = network.relations.size;
    let text = network.centre.name + ": " + shownEdges + (shownEdges === total ? "" : " of " + total) +
      " relation" + (total === 1 ? "" : "s") + ", " + (state.hops === 2 ? "two hops" : "one hop");
    if (network.truncated) text += " (" + network.truncated + ")";
    return text;
  }

  function renderTypeFilter() {
    const counts = new Map();
    network.relations.forEach(function (relation) { counts.set(relation.type, (counts.get(relation.type) || 0) + 1); });
    const box = document.getElementById("types");
    box.replaceChildren();
    Array.from(counts.keys()).sort().forEach(function (type) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = type;
      input.checked = typeShown(type);
      input.addEventListener("change", onTypeToggle);
      const swatch = document.createElement("span");
      swatch.className = "swatch edge";
      swatch.style.background = TYPE_COLOURS[type] || "#999";
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = String(counts.get(type));
      label.append(input, swatch, document.createTextNode(type + " "), count);
      box.append(label);
    });
    updateTypesSummary(counts.size);
  }

  function updateTypesSummary(total) {
    const boxes = document.querySelectorAll("#types input");
    const checked = Array.from(boxes).filter(function (b) { return b.checked; }).length;
    document.getElementById("types-summary").textContent = "(" + checked + " of " + (total === undefined ? boxes.length : total) + ")";
  }

  function onTypeToggle() {
    const boxes = Array.from(document.querySelectorAll("#types input"));
    const checked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    state.types = checked.length === boxes.length ? null : new Set(checked);
    updateTypesSummary();
    writeUrl(false);
    applyFilters();
    refreshTimeline();
  }

  function setAllTypes(shown) {
    document.querySelectorAll("#types input").forEach(function (box) { box.checked = shown; });
    onTypeToggle();
  }

  function onDatesChanged() {
    state.from = validDate(document.getElementById("date-from").value);
    state.to = validDate(document.getElementById("date-to").value);
    writeUrl(false);
    applyFilters();
  }

  // ---------------------------------------------------------------- legend

  function renderLegend() {
    const legend = document.getElementById("legend");
    legend.replaceChildren();
    if (!cy) return;
    const kinds = new Set(cy.nodes().not(".filtered").map(function (n) { return n.data("kind"); }));
    Object.keys(KIND_COLOURS).filter(function (k) { return kinds.has(k); }).forEach(function (kind) {
      legend.append(legendItem(KIND_COLOURS[kind], kind.toLowerCase(), false));
    });
    const categories = new Map();
    cy.edges().not(".filtered").forEach(function (edge) {
      const category = categoryOf(network.relations.get(edge.id()));
      categories.set(category, categoryColour(category));
    });
    Array.from(categories.keys()).sort().forEach(function (category) {
      legend.append(legendItem(categories.get(category), category, true));
    });
  }

  function legendItem(colour, text, isEdge) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.className = "swatch" + (isEdge ? " edge" : "");
    swatch.style.background = colour;
    item.append(swatch, document.createTextNode(text));
    return item;
  }

  // ---------------------------------------------------------------- timeline

  function shiftMonth(month, by) {
    const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
    return Math.floor(index / 12) + "-" + String(index % 12 + 1).padStart(2, "0");
  }

  function monthsBetween(first, last) {
    const months = [];
    let year = Number(first.slice(0, 4));
    let month = Number(first.slice(5, 7));
    const endYear = Number(last.slice(0, 4));
    const endMonth = Number(last.slice(5, 7));
    while (year < endYear || (year === endYear && month <= endMonth)) {
      months.push(year + "-" + String(month).padStart(2, "0"));
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return months;
  }

  // Claims by month from the API's Actor.timeline: in total, and stacked by relation type (one
  // aliased timeline per type) when edges are coloured by type and the types are few.
  const STACKED_TYPES = 10;
  let timeline = { id: null, months: new Map(), stacked: false };
  let timelineToken = 0;

  async function refreshTimeline() {
    const token = ++timelineToken;
    const centre = network.centre;
    if (!centre || centre.kind === "EVENT") {
      timeline = { id: centre ? centre.id : null, months: new Map(), stacked: false };
      renderTimeline();
      return;
    }
    const own = network.centreRelations || [];
    const present = Array.from(new Set(own.map(function (relation) { return relation.type; })));
    const shown = present.filter(typeShown).sort();
    const stacked = state.colour === "type" && shown.length <= STACKED_TYPES;
    const variables = { id: centre.id, types: state.types === null ? null : shown };
    let fields = "all: timeline(types: $types) { month claims }";
    const declarations = ["$id: ID!", "$types: [RelationType!]"];
    if (stacked) {
      shown.forEach(function (type, i) {
        fields += " t" + i + ": timeline(types: $t" + i + ") { month claims }";
        declarations.push("$t" + i + ": [RelationType!]");
        variables["t" + i] = [type];
      });
    }
    let data;
    try {
      data = await gql("query Timeline(" + declarations.join(", ") + ") { actor(id: $id) { " + fields + " } }", variables);
    } catch (error) {
      if (token === timelineToken) setStatus("Could not read the timeline: " + error.message, true);
      return;
    }
    if (token !== timelineToken) return;
    const months = new Map(); // month -> Map(category -> claims)
    const add = function (rows, category) {
      (rows || []).forEach(function (row) {
        if (!months.has(row.month)) months.set(row.month, new Map());
        months.get(row.month).set(category, (months.get(row.month).get(category) || 0) + row.claims);
      });
    };
    const actor = data.actor || {};
    if (stacked) shown.forEach(function (type, i) { add(actor["t" + i], type); });
    else add(actor.all, "claims");
    timeline = { id: centre.id, months: months, stacked: stacked };
    renderTimeline();
  }

  function renderTimeline() {
    const chart = document.getElementById("timeline-chart");
    document.getElementById("timeline-who").textContent = network.centre ? "— " + network.centre.name : "";
    chart.replaceChildren();
    const counts = timeline.months;
    if (!counts.size) {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = network.centre && network.centre.kind === "EVENT" ?
        "Timelines are drawn for actors; this is an event." : "No dated claims for this actor.";
      chart.append(hint);
      return;
    }
    const barColour = function (category) { return timeline.stacked ? categoryColour(category) : "#2870c2"; };
    const sorted = Array.from(counts.keys()).sort();
    let months = monthsBetween(sorted[0], sorted[sorted.length - 1]);
    if (months.length < TIMELINE_MIN_MONTHS) {
      const before = Math.floor((TIMELINE_MIN_MONTHS - months.length) / 2);
      const after = TIMELINE_MIN_MONTHS - months.length - before;
      months = monthsBetween(shiftMonth(sorted[0], -before), shiftMonth(sorted[sorted.length - 1], after));
    }
    if (months.length > TIMELINE_MONTHS) months = months.slice(months.length - TIMELINE_MONTHS);
    const totals = months.map(function (m) {
      let sum = 0;
      (counts.get(m) || new Map()).forEach(function (n) { sum += n; });
      return sum;
    });
    const peak = Math.max(1, ...totals);
    const width = 400, height = 130, bottom = 18, top = 6;
    const step = width / months.length;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Claims per month");
    if (state.from || state.to) {
      const first = state.from ? state.from.slice(0, 7) : months[0];
      const last = state.to ? state.to.slice(0, 7) : months[months.length - 1];
      const i0 = months.findIndex(function (m) { return m >= first; });
      let i1 = -1;
      months.forEach(function (m, i) { if (m <= last) i1 = i; });
      if (i0 >= 0 && i1 >= i0) {
        const shade = document.createElementNS(ns, "rect");
        shade.setAttribute("class", "range");
        shade.setAttribute("x", String(i0 * step));
        shade.setAttribute("y", "0");
        shade.setAttribute("width", String((i1 - i0 + 1) * step));
        shade.setAttribute("height", String(height - bottom));
        svg.append(shade);
      }
    }
    months.forEach(function (month, i) {
      const row = counts.get(month);
      if (!row) return;
      let y = height - bottom;
      const group = document.createElementNS(ns, "g");
      group.setAttribute("class", "bar");
      group.dataset.month = month;
      const title = document.createElementNS(ns, "title");
      const parts = [];
      Array.from(row.keys()).sort().forEach(function (category) {
        const n = row.get(category);
        const h = (height - bottom - top) * n / peak;
        y -= h;
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", String(i * step + step * 0.1));
        rect.setAttribute("width", String(Math.max(1, step * 0.8)));
        rect.setAttribute("y", String(y));
        rect.setAttribute("height", String(h));
        rect.setAttribute("fill", barColour(category));
        group.append(rect);
        parts.push(category + " " + n);
      });
      title.textContent = month + ": " + (timeline.stacked ? parts.join(", ") : parts[0].replace("claims ", "") +
        " claims") + " (click: show only this month)";
      group.append(title);
      group.addEventListener("click", function () { filterToMonth(month); });
      svg.append(group);
    });
    // First and last month at the ends, and a few in between that keep clear of them.
    const labelEvery = Math.max(1, Math.ceil(months.length / 5));
    months.forEach(function (month, i) {
      const last = months.length - 1;
      const inner = i % labelEvery === 0 && i >= labelEvery * 0.75 && last - i >= labelEvery;
      if (i !== 0 && i !== last && !inner) return;
      const label = document.createElementNS(ns, "text");
      label.setAttribute("class", "axis");
      label.setAttribute("x", String(i === 0 ? 0 : i === last ? width : i * step + step / 2));
      label.setAttribute("y", String(height - 4));
      label.setAttribute("text-anchor", i === 0 ? "start" : i === last ? "end" : "middle");
      label.textContent = month;
      svg.append(label);
    });
    chart.append(svg);
    const note = document.createElement("p");
    note.className = "hint";
    note.textContent = "Claims per month (peak " + peak + "); click a bar to show only that month.";
    chart.append(note);
  }

  function filterToMonth(month) {
    const year = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
    state.from = month + "-01";
    state.to = month + "-" + String(lastDay).padStart(2, "0");
    document.getElementById("date-from").value = state.from;
    document.getElementById("date-to").value = state.to;
    writeUrl(false);
    applyFilters();
  }

  // ---------------------------------------------------------------- evidence

  function evidenceQuery() {
    return "query Evidence($s: ID!, $o: ID!, $t: RelationType!) { " +
      "relations(filter: {subject: $s, object: $o, types: [$t]}, first: 1) { edges { node { " +
      "type claimCount documentCount firstSeen lastSeen confidence plover" +
      " subject { ...E } object { ...E } evidence(first: " + PAGE + ", includeNegated: true) { " +
      "id text start end date confidence negated curated source plover predicate" +
      " attributedTo { id name } document { id title url published source } } } } } } " +
      "fragment E on Entity { id name kind ... on Actor { aliases } ... on Event { aliases } }";
  }

  async function selectEdge(id, push) {
    state.edge = id;
    writeUrl(push);
    if (cy) {
      cy.elements().unselect();
      const edge = cy.getElementById(id);
      if (edge.nonempty()) edge.select();
    }
    const parts = id.split("~");
    if (parts.length !== 3) return;
    const body = document.getElementById("details-body");
    document.getElementById("details-title").textContent = "Evidence";
    body.replaceChildren(hint("Loading the evidence…"));
    let data;
    try {
      data = await gql(evidenceQuery(), { s: parts[0], t: parts[1], o: parts[2] });
    } catch (error) {
      body.replaceChildren(hint("Could not read the evidence: " + error.message));
      return;
    }
    if (state.edge !== id) return;
    const edges = data.relations.edges;
    if (!edges.length) {
      body.replaceChildren(hint("This relation is no longer in the graph."));
      return;
    }
    renderEvidence(edges[0].node);
  }

  function hint(text) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    return p;
  }

  function renderEvidence(relation) {
    const body = document.getElementById("details-body");
    const head = document.createElement("p");
    head.className = "relation-head";
    const type = document.createElement("span");
    type.className = "type";
    type.textContent = relation.type;
    type.style.background = TYPE_COLOURS[relation.type] || "#607d8b";
    head.append(entityLink(relation.subject), document.createTextNode(" "), type, document.createTextNode(" "),
      entityLink(relation.object));
    const facts = document.createElement("p");
    facts.className = "facts";
    const seen = relation.firstSeen ? (relation.firstSeen === relation.lastSeen ? relation.firstSeen :
      relation.firstSeen + " – " + relation.lastSeen) : "undated";
    facts.textContent = relation.claimCount + " claim" + (relation.claimCount === 1 ? "" : "s") + " in " +
      relation.documentCount + " document" + (relation.documentCount === 1 ? "" : "s") + " · " + seen +
      (relation.confidence === null ? "" : " · confidence " + percent(relation.confidence)) +
      (relation.plover && relation.plover.length ? " · PLOVER " + [].concat(relation.plover).join(", ") : "");
    const claims = relation.evidence.map(function (claim) { return renderClaim(claim, relation); });
    body.replaceChildren(head, facts, ...claims);
    if (relation.evidence.length < relation.claimCount) {
      body.append(hint("Showing " + relation.evidence.length + " of " + relation.claimCount + " claims (strongest first)."));
    }
  }

  function entityLink(entity) {
    const link = document.createElement("a");
    link.href = "?actor=" + encodeURIComponent(entity.id);
    link.textContent = entity.name;
    link.title = entity.kind.toLowerCase() + " · click to centre the map here";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      centreOn(entity.id);
    });
    return link;
  }

  function percent(value) { return Math.round(value * 100) + "%"; }

  function renderClaim(claim, relation) {
    const box = document.createElement("article");
    box.className = "claim" + (claim.negated ? " negated" : "");
    const sentence = document.createElement("p");
    sentence.className = "sentence";
    sentence.append(...markNames(claim.text || "", relation.subject, relation.object));
    const meta = document.createElement("div");
    meta.className = "meta";
    if (claim.document) {
      const doc = claim.document;
      const title = doc.title || doc.source || doc.url || doc.id;
      if (doc.url && /^https?:\/\//i.test(doc.url)) { // a stored URL is data: never a javascript: link
        const a = document.createElement("a");
        a.href = doc.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.textContent = title;
        meta.append(a);
      } else {
        meta.append(span(title));
      }
    } else if (claim.source) {
      meta.append(span("source: " + claim.source));
    }
    if (claim.date) meta.append(span(claim.date));
    if (claim.confidence !== null && claim.confidence !== undefined) meta.append(span("confidence " + percent(claim.confidence)));
    if (claim.attributedTo) meta.append(span("according to " + claim.attributedTo.name));
    if (claim.plover) meta.append(badge("PLOVER " + claim.plover, "plover"));
    if (claim.predicate) meta.append(span("“" + claim.predicate + "”"));
    if (claim.negated) meta.append(badge("negated", "negated"));
    if (claim.curated) meta.append(badge("curated", "curated"));
    if (claim.start !== null && claim.start !== undefined) {
      const where = span("chars " + claim.start + "–" + claim.end);
      where.title = "Offsets of the sentence in the stored document text";
      meta.append(where);
    }
    box.append(sentence, meta);
    return box;
  }

  function span(text) {
    const s = document.createElement("span");
    s.textContent = text;
    return s;
  }

  function badge(text, kind) {
    const b = span(text);
    b.className = "badge " + kind;
    return b;
  }

  function namesOf(entity) {
    const names = [entity.name].concat(entity.aliases || []);
    if (entity.kind === "PERSON") {
      const words = entity.name.split(/\s+/);
      if (words.length > 1 && words[words.length - 1].length >= 3) names.push(words[words.length - 1]);
    }
    return names.filter(function (n) { return n && n.length >= 2; });
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // The sentence as text nodes and <mark>s around each mention of the subject and the object.
  function markNames(text, subject, object) {
    const found = [];
    [[subject, "subject"], [object, "object"]].forEach(function (pair) {
      namesOf(pair[0]).forEach(function (name) {
        const pattern = new RegExp("(?<![\\p{L}\\p{N}])" + escapeRegExp(name) + "(?![\\p{L}\\p{N}])", "giu");
        let match;
        while ((match = pattern.exec(text)) !== null) {
          found.push({ start: match.index, end: match.index + match[0].length, role: pair[1] });
        }
      });
    });
    found.sort(function (a, b) { return a.start - b.start || (b.end - b.start) - (a.end - a.start); });
    const nodes = [];
    let at = 0;
    found.forEach(function (hit) {
      if (hit.start < at) return; // overlaps a longer, earlier mention
      if (hit.start > at) nodes.push(document.createTextNode(text.slice(at, hit.start)));
      const mark = document.createElement("mark");
      mark.className = hit.role;
      mark.textContent = text.slice(hit.start, hit.end);
      nodes.push(mark);
      at = hit.end;
    });
    if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
  }

  function showEntity(id) {
    const node = network.nodes.get(id);
    if (!node) return;
    const body = document.getElementById("details-body");
    document.getElementById("details-title").textContent = "Actor";
    const card = document.createElement("div");
    card.className = "entity-card";
    const name = document.createElement("p");
    name.className = "relation-head";
    name.textContent = node.name;
    const list = document.createElement("dl");
    const full = network.centre && network.centre.id === id ? network.centre : null;
    const rows = [["kind", node.kind.toLowerCase()], ["id", node.id]];
    if (full && full.aliases && full.aliases.length) rows.push(["aliases", full.aliases.join(", ")]);
    if (full && full.roles && full.roles.length) rows.push(["roles", full.roles.join(", ")]);
    const degree = cy ? cy.getElementById(id).connectedEdges().not(".filtered").length : 0;
    rows.push(["relations shown", String(degree)]);
    rows.forEach(function (row) {
      const dt = document.createElement("dt");
      dt.textContent = row[0];
      const dd = document.createElement("dd");
      dd.textContent = row[1];
      list.append(dt, dd);
    });
    card.append(name, list);
    if (!full) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Centre the map on " + node.name;
      button.addEventListener("click", function () { centreOn(id); });
      card.append(button);
    }
    body.replaceChildren(card, hint("Click an edge to see the sentences behind it; double-click a node to centre on it."));
  }

  function clearSelection() {
    if (!state.edge) return;
    state.edge = null;
    writeUrl(false);
    document.getElementById("details-title").textContent = "Evidence";
    document.getElementById("details-body").replaceChildren(
      hint("Click a relation (an edge) to see the sentences that state it."));
  }

  // ---------------------------------------------------------------- search

  let searchToken = 0;
  let searchTimer = null;
  let activeResult = -1;

  function onSearchInput() {
    clearTimeout(searchTimer);
    const text = document.getElementById("search").value.trim();
    if (!text) { closeResults(); return; }
    searchTimer = setTimeout(function () { search(text); }, 150);
  }

  async function search(text) {
    const token = ++searchToken;
    let data;
    try {
      data = await gql("query Search($q: String!) { actors(search: $q, first: 10) { totalCount " +
        "edges { node { id name kind aliases } } } }", { q: text });
    } catch (error) {
      if (token === searchToken) showResults([], error.message);
      return;
    }
    if (token !== searchToken) return; // typed on meanwhile
    showResults(data.actors.edges.map(function (e) { return e.node; }), null);
  }

  function showResults(actors, problem) {
    const list = document.getElementById("results");
    list.replaceChildren();
    activeResult = -1;
    if (!actors.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = problem ? "Search failed: " + problem : "No actor matches.";
      list.append(li);
    }
    actors.forEach(function (actor, i) {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.dataset.id = actor.id;
      li.id = "result-" + i;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = kindColour(actor.kind);
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = actor.kind;
      const aliases = document.createElement("span");
      aliases.className = "aliases";
      aliases.textContent = (actor.aliases || []).filter(function (a) { return a !== actor.name; }).join(", ");
      li.append(swatch, document.createTextNode(actor.name), kind, aliases);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); pickResult(actor.id); });
      list.append(li);
    });
    list.hidden = false;
    document.getElementById("search-box").setAttribute("aria-expanded", "true");
  }

  function closeResults() {
    const list = document.getElementById("results");
    list.hidden = true;
    list.replaceChildren();
    document.getElementById("search-box").setAttribute("aria-expanded", "false");
  }

  function onSearchKey(event) {
    const items = Array.from(document.querySelectorAll("#results li[role=option]"));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      activeResult = (activeResult + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === activeResult ? "true" : "false"); });
      document.getElementById("search").setAttribute("aria-activedescendant", items[activeResult].id);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = items[activeResult >= 0 ? activeResult : 0];
      if (chosen) pickResult(chosen.dataset.id);
    } else if (event.key === "Escape") {
      closeResults();
    }
  }

  function pickResult(id) {
    closeResults();
    document.getElementById("search").blur();
    centreOn(id);
  }

  // ---------------------------------------------------------------- view changes

  function centreOn(id) {
    state.actor = id;
    state.edge = null;
    state.types = null;
    writeUrl(true);
    show();
  }

  async function show() {
    syncControls();
    document.getElementById("welcome").hidden = !!state.actor;
    if (!state.actor) {
      if (cy) { cy.destroy(); cy = null; }
      network = { centre: null, relations: new Map(), nodes: new Map(), truncated: "" };
      setStatus("");
      renderLegend();
      return;
    }
    let built;
    try {
      built = await loadNetwork();
    } catch (error) {
      setStatus("Could not load the network: " + error.message, true);
      return;
    }
    if (!built) return;
    document.getElementById("search").value = built.centre.name;
    renderTypeFilter();
    draw();
    await refreshTimeline();
    if (state.edge && network.relations.has(state.edge)) selectEdge(state.edge, false);
    else if (state.edge) clearSelection();
    else showEntity(built.centre.id);
    document.body.dataset.shown = built.centre.id;
  }

  function syncControls() {
    document.getElementById("hops").value = String(state.hops);
    document.getElementById("colour-by").value = state.colour;
    document.getElementById("date-from").value = state.from;
    document.getElementById("date-to").value = state.to;
  }

  function setStatus(text, isError) {
    const status = document.getElementById("status");
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  async function welcome() {
    try {
      const data = await gql("{ stats { actors events documents relations } " +
        "mostActiveActors(first: 12) { documents claims actor { id name kind } } }");
      const s = data.stats;
      document.getElementById("stats").textContent = "The graph holds " + s.actors + " actors, " + s.events +
        " events and " + s.relations + " relations read from " + s.documents + " documents." +
        (data.mostActiveActors.length ? " The most active actors:" : "");
      const starters = document.getElementById("starters");
      starters.replaceChildren();
      data.mostActiveActors.forEach(function (active) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = active.actor.name;
        button.title = active.claims + " claims in " + active.documents + " documents";
        button.style.borderLeft = "4px solid " + kindColour(active.actor.kind);
        button.addEventListener("click", function () { centreOn(active.actor.id); });
        starters.append(button);
      });
    } catch (error) {
      setStatus("The API did not answer: " + error.message, true);
    }
  }

  async function copyLink() {
    const button = document.getElementById("share");
    try {
      await navigator.clipboard.writeText(window.location.href);
      button.textContent = "Link copied";
    } catch (error) {
      window.prompt("Copy this link:", window.location.href);
    }
    setTimeout(function () { button.textContent = "Copy link"; }, 1500);
  }

  async function start() {
    window.cytoscape.use(window.cytoscapeFcose);
    readUrl();
    document.getElementById("search").addEventListener("input", onSearchInput);
    document.getElementById("search").addEventListener("keydown", onSearchKey);
    document.getElementById("search").addEventListener("blur", function () { setTimeout(closeResults, 100); });
    document.getElementById("hops").addEventListener("change", function (event) {
      state.hops = event.target.value === "2" ? 2 : 1;
      writeUrl(false);
      show();
    });
    document.getElementById("colour-by").addEventListener("change", function (event) {
      state.colour = event.target.value === "plover" ? "plover" : "type";
      writeUrl(false);
      recolour();
    });
    document.getElementById("date-from").addEventListener("change", onDatesChanged);
    document.getElementById("date-to").addEventListener("change", onDatesChanged);
    document.getElementById("dates-clear").addEventListener("click", function () {
      document.getElementById("date-from").value = "";
      document.getElementById("date-to").value = "";
      onDatesChanged();
    });
    document.getElementById("types-all").addEventListener("click", function () { setAllTypes(true); });
    document.getElementById("types-none").addEventListener("click", function () { setAllTypes(false); });
    document.getElementById("share").addEventListener("click", copyLink);
    window.addEventListener("popstate", function () { readUrl(); show(); });
    await welcome();
    await show();
    document.body.dataset.ready = "true";
  }

  // For scripts and tests driving the page: the current view and the drawn graph.
  window.kgMap = { state: state, graph: function () { return cy; } };

  start();
})();
