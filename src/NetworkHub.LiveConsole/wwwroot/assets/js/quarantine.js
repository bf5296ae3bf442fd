// Quarantine and replay: input the hub kept, selected by business keys; preview, dry run, replay in paced batches with live
// progress; an entry's body as fields, personal data masked (a privacy officer unmasks one field, with a reason).
import { age, el, option, organisationList, organisationName, showProblem } from "./common.js";
import { contract, contractNames } from "./terms.js";
import { maskedValue } from "./masking.js";

const outcomes = {
  Routed: "routed",
  Settled: "settled its hand-off",
  Registered: "registered by the hub",
  Returned: "returned to the sender",
  Quarantined: "kept again, sender told",
  AlreadyHandled: "already handled: nothing done again",
};

export class Quarantine {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.allowed = session.role === "operator" || session.role === "privacy-officer";
    this.mayReplay = session.role === "operator";
    this.section = document.getElementById("view-quarantine");
    this.form = document.getElementById("quarantine-filter");
    this.count = document.getElementById("quarantine-count");
    this.entries = document.querySelector("#quarantine-table tbody");
    this.results = document.querySelector("#quarantine-results tbody");
    this.progress = document.getElementById("quarantine-progress");
    this.progressText = document.getElementById("quarantine-progress-text");
    this.detail = document.getElementById("quarantine-detail");
    document.querySelector('nav a[data-view="quarantine"]').hidden = !this.allowed;
    document.getElementById("quarantine-actions").hidden = !this.mayReplay;
    this.codesFilled = false;
    this.fillFilters();
    this.form.addEventListener("submit", event => {
      event.preventDefault();
      this.preview();
    });
    window.addEventListener("hashchange", () => this.load());
    document.getElementById("quarantine-dry-run").addEventListener("click", () => this.dryRun());
    document.getElementById("quarantine-replay").addEventListener("click", () => this.replay());
  }

  fillFilters() {
    const organisation = this.form.elements.organisation;
    if (this.session.organisation === "hub") {
      organisation.append(option("", "All organisations", true));
      for (const o of organisationList()) organisation.append(option(o.code, o.name, false));
    } else {
      organisation.append(option(this.session.organisation, organisationName(this.session.organisation), true));
      organisation.disabled = true; // an organisation's users see only the input it sent
    }
    const contracts = this.form.elements.contract;
    contracts.append(option("", "All contracts", true));
    for (const name of contractNames) contracts.append(option(name, contract(name)[0], false));
  }

  filter() {
    const f = this.form.elements;
    const day = value => (value ? new Date(`${value}T00:00:00Z`).toISOString() : null);
    return {
      organisation: f.organisation.value || null,
      contract: f.contract.value || null,
      code: f.code.value || null,
      case: f.case.value.trim() || null,
      from: day(f.from.value),
      until: f.until.value ? new Date(Date.parse(`${f.until.value}T00:00:00Z`) + 86400000).toISOString() : null, // through that day
      max: Number(f.max.value) || 100,
    };
  }

  // Read when the view is open (on opening, and again after a reconnect): the other views' users never wait for it.
  async load() {
    if (location.hash === "#quarantine") await this.preview();
  }

  async preview() {
    if (!this.allowed) return;
    try {
      const snapshot = await this.connection.invoke("QuarantineList", this.filter());
      this.fillCodes(snapshot.codes);
      this.showCount(snapshot);
      this.entries.replaceChildren(...snapshot.entries.map(entry => this.line(entry)));
      showProblem(null);
    } catch (error) {
      showProblem(error.message);
    }
  }

  // New input kept since: the count says so; Preview reads it.
  apply(batch) {
    if (!this.allowed) return;
    if (batch.feed.some(row => row.quarantined)) this.count.dataset.stale = "true";
  }

  fillCodes(codes) {
    if (this.codesFilled) return;
    const select = this.form.elements.code;
    select.append(option("", "Any code", true));
    for (const code of codes) select.append(option(code.id, `${code.id} ${code.name}`, false));
    this.codesFilled = true;
  }

  showCount(snapshot) {
    delete this.count.dataset.stale;
    const taken = snapshot.entries.length;
    this.count.textContent = snapshot.count === 0
      ? "No quarantined input matches (replayed input is left out)."
      : `${snapshot.count} quarantined message(s) match` + (taken < snapshot.count ? `; a replay takes the oldest ${taken}` : "") + ": "
        + snapshot.byCodeAndContract.map(c => `${c.count} × ${c.code.id} ${c.code.name} (${contract(c.contract)[0] || "unreadable"})`).join(", ") + ".";
  }

  line(entry) {
    return el("tr", { "data-entry": entry.id },
      el("td", { class: "age", "data-at": entry.receivedAt, text: age(entry.receivedAt) }),
      el("td", { text: entry.sender ? organisationName(entry.sender) : "(unknown sender)" }),
      el("td", { title: entry.contract ?? "", text: entry.contract ? contract(entry.contract)[0] : "(unreadable)" }),
      el("td", { title: entry.code.text, text: `${entry.code.id} ${entry.code.name}` }),
      el("td", { text: entry.reason }),
      el("td", {}, el("button", { type: "button", text: "Open", "aria-label": `Open quarantined message ${entry.id}`, onclick: () => this.open(entry.id) })));
  }

  async open(id) {
    try {
      const detail = await this.connection.invoke("QuarantineDetail", id);
      const e = detail.entry;
      document.getElementById("quarantine-detail-title").textContent = `Quarantined message #${e.id}`;
      document.getElementById("quarantine-detail-meta").textContent =
        `${e.contract ?? "unreadable input"} from ${e.sender ? organisationName(e.sender) : "an unknown sender"}, ${detail.size} bytes, `
        + `kept with ${e.code.id} ${e.code.name}: ${e.reason}`
        + (detail.replayedAt ? ` Replayed by ${detail.replayedBy}: ${detail.replayOutcome}.` : "");
      const record = { source: "quarantine", id: e.id };
      document.querySelector("#quarantine-fields tbody").replaceChildren(...(detail.readable
        ? detail.fields.map(f => el("tr", {},
            el("th", { scope: "row", text: f.path }),
            el("td", {}, f.masked ? maskedValue(this.connection, this.session, record, f.path) : (f.value ?? "—"))))
        : [el("tr", {}, el("td", { colspan: "2", text: "The body does not read as a contract: only its size and code are shown." }))]));
      this.detail.hidden = false;
      showProblem(null);
    } catch (error) {
      showProblem(error.message);
    }
  }

  async dryRun() {
    try {
      const verdicts = await this.connection.invoke("QuarantineDryRun", this.filter());
      document.getElementById("quarantine-results-title").textContent = `Dry run: what a replay would do (nothing was recorded or sent)`;
      this.results.replaceChildren(...verdicts.map(v => this.verdict(v)));
      showProblem(null);
    } catch (error) {
      showProblem(error.message);
    }
  }

  replay() {
    const f = this.form.elements;
    const button = document.getElementById("quarantine-replay");
    button.disabled = true;
    this.results.replaceChildren();
    document.getElementById("quarantine-results-title").textContent = "Replay";
    this.progress.hidden = false;
    this.progress.value = 0;
    this.progressText.textContent = "starting…";
    this.connection.stream("ReplayQuarantined", this.filter(), Number(f.batch.value), Number(f.rate.value)).subscribe({
      next: progress => {
        this.progress.max = Math.max(progress.total, 1);
        this.progress.value = progress.done;
        this.progressText.textContent = `${progress.done} of ${progress.total} replayed`;
        this.results.append(...progress.batch.map(v => this.verdict(v)));
      },
      complete: () => {
        button.disabled = false;
        this.progressText.textContent = this.progress.value > 0 ? `${this.progressText.textContent} — done` : "Nothing to replay.";
        this.preview();
      },
      error: error => {
        button.disabled = false;
        showProblem(error.message);
      },
    });
  }

  verdict(v) {
    const what = v.outcome === "Routed"
      ? `routed to ${v.routedTo.map(organisationName).join(", ")}`
      : outcomes[v.outcome] ?? v.outcome;
    return el("tr", { "data-entry": v.entryId, class: v.outcome.toLowerCase() },
      el("td", { text: `#${v.entryId}` }),
      el("td", { text: v.contract ? contract(v.contract)[0] : "(unreadable)" }),
      el("td", { text: v.sender ? organisationName(v.sender) : "(unknown sender)" }),
      el("td", { text: what }),
      el("td", { title: v.code?.text ?? "", text: v.code ? `${v.code.id} ${v.code.name}` : "" }),
      el("td", { text: v.reason ?? "" }));
  }
}
