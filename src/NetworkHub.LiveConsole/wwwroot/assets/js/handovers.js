// Hand-overs: warm hand-overs by origin and period with their state and age, and a case's history by a partner's
// reference. Each query is a snapshot the user asks for (and the access log records, with the reason given).
import { age, el, hubNow, option, organisationList, organisationName, showProblem } from "./common.js";

const handOverStates = ["Offered", "Accepted", "Declined", "FirstContactMade", "Completed", "Returned"];

export class HandOvers {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.query = document.getElementById("handovers-query");
    this.caseQuery = document.getElementById("case-query");
    this.body = document.querySelector("#handovers-table tbody");
    this.summary = document.getElementById("handovers-summary");
    this.caseBody = document.querySelector("#case-table tbody");
    this.caseSummary = document.getElementById("case-summary");
    this.fillForms();
    this.query.addEventListener("submit", event => { event.preventDefault(); this.trace(); });
    this.caseQuery.addEventListener("submit", event => { event.preventDefault(); this.history(); });
  }

  fillForms() {
    for (const select of [this.query.elements.origin, this.caseQuery.elements.sender]) {
      if (this.session.organisation === "hub") {
        for (const o of organisationList()) select.append(option(o.code, o.name, false));
      } else {
        select.append(option(this.session.organisation, organisationName(this.session.organisation), true));
        select.disabled = true; // an organisation's operators trace only what started with them
      }
    }
    const state = this.query.elements.state;
    state.append(option("", "Any state", true));
    for (const name of handOverStates) state.append(option(name, name, false));
    const today = new Date(hubNow());
    this.query.elements.until.value = today.toISOString().slice(0, 10);
    this.query.elements.from.value = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1).toISOString().slice(0, 10);
  }

  // Nothing to load or keep live: a trace is asked for, and logged, one query at a time.
  async load() {}

  apply() {}

  async trace() {
    const f = this.query.elements;
    try {
      const result = await this.connection.invoke("HandOvers",
        { origin: f.origin.value || null, from: f.from.value, until: f.until.value, state: f.state.value || null, why: f.why.value });
      showProblem(null);
      this.summary.textContent = `${result.handOvers.length} hand-over(s) originating at ${organisationName(f.origin.value)}`
        + ` offered ${f.from.value} to ${f.until.value}${result.truncated ? " (only the first shown: narrow the period)" : ""}.`;
      this.body.replaceChildren(...result.handOvers.map(h => el("tr", { "data-handover": h.id },
        el("td", { text: new Date(h.offeredAt).toLocaleDateString("nl-NL") }),
        el("td", { class: "id", text: h.id }),
        el("td", { title: h.origin, text: organisationName(h.origin) }),
        el("td", { text: `${organisationName(h.sender)} → ${organisationName(h.receiver)}` }),
        el("td", {}, el("span", { class: `chip handover-${h.state.toLowerCase()}`, text: h.state })),
        el("td", { class: "age", "data-at": h.offeredAt, text: age(h.offeredAt) }),
        el("td", { text: `${age(h.lastStepAt)} ago` }))));
    } catch (error) {
      showProblem(error.message);
    }
  }

  async history() {
    const f = this.caseQuery.elements;
    try {
      const result = await this.connection.invoke("HandOverCase", { reference: f.reference.value, sender: f.sender.value || null, why: f.why.value });
      showProblem(null);
      f.reference.value = ""; // the reference stays on screen only masked
      this.caseSummary.textContent = `${result.events.length} event(s) under ${organisationName(result.sender)}'s reference ${result.maskedReference}.`;
      this.caseBody.replaceChildren(...result.events.map(e => el("tr", {},
        el("td", { text: new Date(e.at).toLocaleString("nl-NL") }),
        el("td", { text: e.what }),
        el("td", { text: [e.from, e.to].filter(Boolean).map(organisationName).join(" → ") }),
        el("td", { text: e.state ?? "" }),
        el("td", { class: "id", text: e.reference ?? "" }))));
    } catch (error) {
      showProblem(error.message);
    }
  }
}
