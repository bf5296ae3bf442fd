// The attention list: alerts someone must act on, live, with triage (pick up, resolve); and below them what follows
// from the hub's state (hand-offs due soon, deletions not confirmed, quarantined input, silent partners), which clears
// itself. Every line links to its timeline.
import { age, el, organisationName, showProblem } from "./common.js";
import { alertKind } from "./terms.js";

export class Attention {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.alerts = new Map();
    this.body = document.querySelector("#attention-table tbody");
    this.empty = document.querySelector("#view-attention .empty");
    this.badge = document.getElementById("attention-count");
    this.items = [];
    this.itemBody = document.querySelector("#attention-state-table tbody");
    this.itemEmpty = document.querySelector("#attention-state .empty");
    connection.on("attention-items", items => this.renderItems(items));
  }

  async load() {
    try {
      const [snapshot, items] = await Promise.all([this.connection.invoke("Attention", null), this.connection.invoke("AttentionItems")]);
      this.alerts = new Map(snapshot.alerts.map(a => [a.id, a]));
      this.render();
      this.renderItems(items);
    } catch (error) {
      showProblem(error.message);
    }
  }

  apply(batch) {
    for (const alert of batch.alerts) this.put(alert);
    if (batch.alerts.length) this.render();
  }

  put(alert) {
    if (alert.state === "resolved") this.alerts.delete(alert.id);
    else this.alerts.set(alert.id, alert);
  }

  async act(method, alert, note) {
    try {
      this.put(await this.connection.invoke(method, alert.id, note.value || null));
      showProblem(null);
      this.render();
    } catch (error) {
      showProblem(error.message);
    }
  }

  render() {
    const alerts = [...this.alerts.values()].sort((a, b) => a.id - b.id);
    this.body.replaceChildren(...alerts.map(alert => this.line(alert)));
    this.empty.hidden = alerts.length > 0;
    this.badge.textContent = String(alerts.length);
    this.badge.hidden = alerts.length === 0;
  }

  line(alert) {
    const [label, meaning] = alertKind(alert.kind);
    const note = el("input", { name: "note", placeholder: "note (optional)", "aria-label": `Note on alert ${alert.id}` });
    const actions = this.session.mayTriage
      ? [
          note,
          alert.state === "open" ? el("button", { type: "button", text: "Pick up", onclick: () => this.act("Acknowledge", alert, note) }) : null,
          el("button", { type: "button", text: "Resolve", onclick: () => this.act("Resolve", alert, note) }),
        ]
      : [el("span", { class: "hint", text: "operators act on alerts" })];
    return el("tr", { "data-alert": alert.id, class: alert.state },
      el("td", { class: "age", "data-at": alert.raisedAt, text: age(alert.raisedAt) }),
      el("td", { title: meaning, text: label }),
      el("td", { text: alert.organisations.map(organisationName).join(", ") }),
      el("td", {}, alert.summary, " ", el("a", { class: "timeline-link", href: `#timeline/alert/${alert.id}`, text: "Timeline" })),
      el("td", { text: alert.acknowledgedBy ?? "nobody yet" }),
      el("td", { class: "actions" }, actions));
  }

  renderItems(items) {
    this.items = [...items].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
    this.itemBody.replaceChildren(...this.items.map(item => {
      const [label, meaning] = alertKind(item.kind);
      const link = item.timeline
        ? el("a", { class: "timeline-link", href: `#timeline/${item.timeline}`, text: "Timeline" })
        : el("a", { href: "#partners", text: "Partner view" });
      return el("tr", { "data-item": item.key, class: item.kind },
        el("td", { class: "age", "data-at": item.since, text: age(item.since) }),
        el("td", { title: meaning, text: label }),
        el("td", { text: item.organisations.map(organisationName).join(", ") }),
        el("td", {}, item.summary, " ", link));
    }));
    this.itemEmpty.hidden = this.items.length > 0;
  }
}
