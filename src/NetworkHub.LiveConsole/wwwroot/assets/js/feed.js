// The feed: hand-offs as they happen, with each recipient's state; filterable by organisation, contract and state.
import { age, el, option, organisationList, organisationName, showProblem } from "./common.js";
import { contract, contractNames, states } from "./terms.js";

const maxRows = 500;

export class Feed {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.rows = new Map();
    this.form = document.getElementById("feed-filter");
    this.body = document.querySelector("#feed-table tbody");
    this.empty = document.querySelector("#view-feed .empty");
    this.omitted = document.getElementById("feed-omitted");
    this.fillFilters();
    this.form.addEventListener("change", () => this.load());
  }

  fillFilters() {
    const organisation = this.form.elements.organisation;
    if (this.session.organisation === "hub") {
      organisation.append(option("", "All organisations", true));
      for (const o of organisationList()) organisation.append(option(o.code, o.name, false));
    } else {
      organisation.append(option(this.session.organisation, organisationName(this.session.organisation), true));
      organisation.disabled = true; // an organisation's users see only its own traffic
    }
    const contracts = this.form.elements.contract;
    contracts.append(option("", "All contracts", true));
    for (const name of contractNames) contracts.append(option(name, contract(name)[0], false));
    const state = this.form.elements.state;
    state.append(option("", "Any state", true));
    for (const name of Object.keys(states)) state.append(option(name, name, false));
  }

  filter() {
    const f = this.form.elements;
    return { organisation: f.organisation.value || null, contract: f.contract.value || null, state: f.state.value || null };
  }

  async load() {
    try {
      const snapshot = await this.connection.invoke("Feed", this.filter());
      this.rows = new Map(snapshot.rows.map(r => [r.key, r]));
      this.render();
    } catch (error) {
      showProblem(error.message);
    }
  }

  apply(batch) {
    // At very high rates the hub sends each second only the newest rows a screen can show, and counts the rest.
    this.omitted.hidden = !batch.omitted;
    this.omitted.textContent = batch.omitted
      ? `Busy: ${batch.omitted} older hand-offs and changes of the last second are not shown live. Reload or filter to see them.` : "";
    for (const row of batch.feed) this.rows.set(row.key, row);
    for (const change of batch.changes) {
      const row = this.rows.get(change.key)
        ?? { key: change.key, contract: change.contract, sender: change.sender, recipients: [], at: change.recipient.at };
      row.recipients = [...row.recipients.filter(r => r.organisation !== change.recipient.organisation), change.recipient]
        .sort((a, b) => a.organisation.localeCompare(b.organisation));
      this.rows.set(change.key, row);
    }
    if (this.rows.size > maxRows) {
      const newest = [...this.rows.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, maxRows);
      this.rows = new Map(newest.map(r => [r.key, r]));
    }
    if (batch.feed.length || batch.changes.length) this.render();
  }

  matches(row) {
    const { organisation, contract: wanted, state } = this.filter();
    if (organisation && row.sender !== organisation && !row.recipients.some(r => r.organisation === organisation)) return false;
    if (wanted && row.contract !== wanted) return false;
    if (state === "quarantined") return !!row.quarantined;
    if (state && !row.recipients.some(r => r.state === state)) return false;
    return true;
  }

  render() {
    const rows = [...this.rows.values()].filter(r => this.matches(r)).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    this.body.replaceChildren(...rows.map(row => this.line(row)));
    this.empty.hidden = rows.length > 0;
  }

  line(row) {
    const [label, meaning] = contract(row.contract);
    const recipients = row.quarantined
      ? [el("span", { class: "chip quarantined", title: `${states.quarantined}. ${row.quarantined.id}: ${row.quarantined.text}`,
          text: `quarantined · ${row.quarantined.id} ${row.quarantined.name}` })]
      : row.recipients.map(r => el("span", {
          class: `chip ${r.state}`,
          title: states[r.state] + (r.code ? `. ${r.code.id}: ${r.code.text}` : ""),
          text: `${organisationName(r.organisation)}: ${r.state}${r.code ? ` · ${r.code.id}` : ""}`,
        }));
    return el("tr", { "data-key": row.key },
      el("td", { class: "age", "data-at": row.at, text: age(row.at) }),
      el("td", { title: meaning }, row.messageId ? el("a", { href: `#timeline/message/${row.messageId}`, title: `${meaning}. Open its timeline`, text: label }) : label),
      el("td", { title: row.sender ?? "", text: organisationName(row.sender) }),
      el("td", { class: "recipients" }, recipients));
  }
}
