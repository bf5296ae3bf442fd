// The attention list: alerts someone must act on, live, with triage (pick up, resolve).
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
  }

  async load() {
    try {
      const snapshot = await this.connection.invoke("Attention", null);
      this.alerts = new Map(snapshot.alerts.map(a => [a.id, a]));
      this.render();
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
      el("td", { text: alert.summary }),
      el("td", { text: alert.acknowledgedBy ?? "nobody yet" }),
      el("td", { class: "actions" }, actions));
  }
}
