// The network: organisations as nodes around the hub, each hand-off moving along its edge as it happens (and its
// answer travelling back), and per edge the window's hand-offs by where they stand: acknowledged, waiting, overdue,
// returned. Loaded from the database (scoped by the hub), then kept current by live batches.
import { el, organisationList, organisationName, showProblem } from "./common.js";
import { organisationType, states } from "./terms.js";

const svgNs = "http://www.w3.org/2000/svg";
const centre = { x: 500, y: 255 };
const orbit = { x: 400, y: 195 };
const nodeRadius = 27;
const hubRadius = 34;
const countedStates = ["acknowledged", "waiting", "overdue", "returned"];
const worstFirst = ["overdue", "returned", "waiting", "acknowledged"];
const symbols = { acknowledged: "✓", waiting: "…", overdue: "!", returned: "↩" };
const travelSeconds = 1.6;
const maxMoving = 40; // dots drawn per batch; the counts take every hand-off

const edgeKey = (sender, recipient) => `${sender}>${recipient}`;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// The organisation's initials for inside its node ("Sociaal Wijkteam Noord" → "SWN").
function initials(name) {
  return name.split(/\s+/).filter(w => /^[A-Z]/.test(w)).map(w => w[0]).join("").slice(0, 3) || name.slice(0, 2);
}

export class Network {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.edges = new Map(); // "sender>recipient" -> { sender, recipient, waiting, acknowledged, returned, overdue }
    this.open = new Map(); // "messageId|recipient" -> { edge, state }: hand-offs that can still change
    this.section = document.getElementById("view-network");
    this.graph = document.getElementById("network-graph");
    this.table = document.querySelector("#network-table tbody");
    this.since = document.getElementById("network-since");
    this.layers = { edges: svg("g", { class: "edges" }), labels: svg("g", { class: "labels" }), nodes: svg("g", { class: "nodes" }), moving: svg("g", { class: "moving" }) };
    this.graph.append(this.layers.edges, this.layers.nodes, this.layers.moving, this.layers.labels);
  }

  async load() {
    try {
      const snapshot = await this.connection.invoke("Network", null);
      this.edges = new Map(snapshot.edges.map(e => [edgeKey(e.sender, e.recipient), { ...e }]));
      this.open = new Map(snapshot.open.map(h => [`${h.key}|${h.recipient}`, { edge: edgeKey(h.sender, h.recipient), state: h.state }]));
      this.since.textContent = new Date(snapshot.since).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
      this.render();
    } catch (error) {
      showProblem(error.message);
    }
  }

  // Opening the view reads the window afresh, so its counts cover the last hour from now.
  show() {
    this.load();
  }

  mine(sender, recipient) {
    const own = this.session.organisation;
    return own === "hub" || sender === own || recipient === own;
  }

  edge(sender, recipient) {
    const key = edgeKey(sender, recipient);
    if (!this.edges.has(key)) this.edges.set(key, { sender, recipient, waiting: 0, acknowledged: 0, returned: 0, overdue: 0 });
    return this.edges.get(key);
  }

  apply(batch) {
    const moving = [];
    for (const row of batch.feed) {
      if (!row.messageId) continue; // quarantined input reached nobody
      for (const recipient of row.recipients) {
        const key = `${row.key}|${recipient.organisation}`;
        if (!this.mine(row.sender, recipient.organisation) || this.open.has(key)) continue;
        this.edge(row.sender, recipient.organisation).waiting++;
        this.open.set(key, { edge: edgeKey(row.sender, recipient.organisation), state: "waiting" });
        moving.push({ sender: row.sender, recipient: recipient.organisation, state: "waiting", back: false });
      }
    }
    for (const change of batch.changes) {
      const { organisation, state } = change.recipient;
      const key = `${change.key}|${organisation}`;
      const known = this.open.get(key);
      if (!known || known.state === state) continue; // from before the window, or already counted
      const edge = this.edges.get(known.edge);
      edge[known.state]--;
      edge[state]++;
      if (state === "waiting" || state === "overdue") known.state = state;
      else this.open.delete(key);
      moving.push({ sender: change.sender, recipient: organisation, state, back: state !== "overdue" });
    }
    if (moving.length === 0) return;
    this.render();
    if (!this.section.hidden) moving.slice(0, maxMoving).forEach(m => this.animate(m));
  }

  // Organisations around the hub: all of them for the operations team, otherwise the user's own and those it deals with.
  nodes() {
    const shown = new Set(this.session.organisation === "hub" ? organisationList().map(o => o.code) : [this.session.organisation]);
    for (const edge of this.edges.values()) {
      shown.add(edge.sender);
      shown.add(edge.recipient);
    }
    const known = organisationList().map(o => o.code).filter(code => shown.has(code));
    const unknown = [...shown].filter(code => !known.includes(code)).sort();
    const codes = [...known, ...unknown];
    return new Map(codes.map((code, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(codes.length, 1);
      return [code, { x: centre.x + orbit.x * Math.cos(angle), y: centre.y + orbit.y * Math.sin(angle) }];
    }));
  }

  render() {
    const positions = this.nodes();
    this.positions = positions;
    const edges = [...this.edges.values()].filter(e => positions.has(e.sender) && positions.has(e.recipient));
    this.layers.edges.replaceChildren(...edges.map(e => this.edgePath(e, positions)));
    this.layers.labels.replaceChildren(...edges.map(e => this.edgeLabel(e, positions)));
    this.layers.nodes.replaceChildren(this.hubNode(), ...[...positions].map(([code, at]) => this.node(code, at)));
    this.renderTable(edges);
  }

  // A quadratic curve from sender to recipient that bends through the hub (every hand-off passes it), a little to one
  // side so that the two directions of one pair stay apart.
  curve(e, positions) {
    const from = positions.get(e.sender);
    const to = positions.get(e.recipient);
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    const control = { x: centre.x - (dy / length) * 26, y: centre.y + (dx / length) * 26 };
    const towards = (point, radius) => {
      const cx = control.x - point.x;
      const cy = control.y - point.y;
      const d = Math.hypot(cx, cy) || 1;
      return { x: point.x + (cx / d) * radius, y: point.y + (cy / d) * radius };
    };
    return { start: towards(from, nodeRadius + 2), control, end: towards(to, nodeRadius + 6) };
  }

  edgePath(e, positions) {
    const { start, control, end } = this.curve(e, positions);
    const total = countedStates.reduce((sum, s) => sum + e[s], 0);
    const worst = worstFirst.find(s => e[s] > 0) ?? "acknowledged";
    return svg("path", {
      id: `edge-${e.sender}-${e.recipient}`,
      class: `edge ${worst}`,
      d: `M ${start.x.toFixed(1)} ${start.y.toFixed(1)} Q ${control.x.toFixed(1)} ${control.y.toFixed(1)} ${end.x.toFixed(1)} ${end.y.toFixed(1)}`,
      "stroke-width": (1.5 + Math.log2(1 + total)).toFixed(1),
      "marker-end": `url(#arrow-${worst})`,
    }, svg("title", {}, `${organisationName(e.sender)} → ${organisationName(e.recipient)}: ${this.describe(e)}`));
  }

  // The counts halfway along the edge, towards the sender's side so that labels of the two directions do not overlap.
  edgeLabel(e, positions) {
    const { start, control, end } = this.curve(e, positions);
    const t = 0.3;
    const at = {
      x: (1 - t) ** 2 * start.x + 2 * (1 - t) * t * control.x + t ** 2 * end.x,
      y: (1 - t) ** 2 * start.y + 2 * (1 - t) * t * control.y + t ** 2 * end.y,
    };
    const parts = countedStates.filter(s => e[s] > 0).map(s => svg("tspan", { class: s }, `${symbols[s]}${e[s]} `));
    return svg("text", { class: "edge-label", "data-edge": edgeKey(e.sender, e.recipient), x: at.x.toFixed(1), y: at.y.toFixed(1), "text-anchor": "middle" }, parts);
  }

  hubNode() {
    return svg("g", { class: "hub-node" },
      svg("circle", { cx: centre.x, cy: centre.y, r: hubRadius }),
      svg("text", { x: centre.x, y: centre.y + 5, "text-anchor": "middle" }, "hub"),
      svg("title", {}, "NetworkHub: every hand-off passes the hub, which checks it, applies the privacy policy and routes it"));
  }

  node(code, at) {
    const organisation = organisationList().find(o => o.code === code);
    const name = organisationName(code);
    const own = code === this.session.organisation;
    const below = at.y >= centre.y - 5;
    return svg("g", { class: `org-node${own ? " own" : ""}${organisation ? "" : " unknown"}`, "data-organisation": code },
      svg("circle", { cx: at.x.toFixed(1), cy: at.y.toFixed(1), r: nodeRadius }),
      svg("text", { class: "initials", x: at.x.toFixed(1), y: (at.y + 5).toFixed(1), "text-anchor": "middle" }, initials(name)),
      svg("text", { class: "name", x: at.x.toFixed(1), y: (below ? at.y + nodeRadius + 16 : at.y - nodeRadius - 8).toFixed(1), "text-anchor": "middle" }, name),
      svg("title", {}, organisation ? `${name} (${code}). ${organisationType(organisation.type)}` : `${code}: not in the hub's registry`));
  }

  // A dot travels the edge: a new hand-off from sender to recipient, an answer back, an overdue one flashes on its way.
  animate({ sender, recipient, state, back }) {
    const path = document.getElementById(`edge-${sender}-${recipient}`);
    if (!path) return;
    const dot = svg("circle", { r: 6, class: `moving-dot ${state}` },
      svg("animateMotion", { dur: `${travelSeconds}s`, begin: "indefinite", fill: "freeze", calcMode: "linear", keyPoints: back ? "1;0" : "0;1", keyTimes: "0;1" },
        svg("mpath", { href: `#${path.id}` })));
    this.layers.moving.append(dot);
    dot.firstChild.beginElement();
    setTimeout(() => dot.remove(), travelSeconds * 1000 + 100);
  }

  describe(e) {
    return countedStates.filter(s => e[s] > 0).map(s => `${e[s]} ${s}`).join(", ") || "nothing in the window";
  }

  renderTable(edges) {
    const sorted = [...edges].sort((a, b) => organisationName(a.sender).localeCompare(organisationName(b.sender))
      || organisationName(a.recipient).localeCompare(organisationName(b.recipient)));
    this.table.replaceChildren(...sorted.map(e => el("tr", { "data-edge": edgeKey(e.sender, e.recipient) },
      el("td", { title: e.sender, text: organisationName(e.sender) }),
      el("td", { title: e.recipient, text: organisationName(e.recipient) }),
      ...countedStates.map(s => el("td", { class: `number${e[s] > 0 ? ` ${s}` : ""}`, title: states[s], text: String(e[s]) })))));
    document.querySelector("#view-network .empty").hidden = sorted.length > 0;
  }
}
