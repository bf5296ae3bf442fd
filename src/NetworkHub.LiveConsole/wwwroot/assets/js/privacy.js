// The privacy officer's view: overrides awaiting review (live), judged with a note; and who received data about a person.
// Only for the privacy-officer role: for anyone else the view stays hidden and asks the hub nothing.
import { age, el, option, organisationList, organisationName, showProblem } from "./common.js";

const verdicts = {
  "justified": "Justified: the meldcode was followed, or the child-protection task needed the data",
  "not-justified": "Not justified: shared without a lawful ground; say in the note what follows",
};

// The hub itself discloses too (a match, terugkoppeling): it is no organisation of the registry.
const party = code => code === "hub" ? "the hub" : organisationName(code);

export class Privacy {
  constructor(connection, session) {
    this.connection = connection;
    this.enabled = session.role === "privacy-officer";
    this.open = new Map();
    this.decided = new Map();
    this.openBody = document.querySelector("#review-table tbody");
    this.decidedBody = document.querySelector("#decided-table tbody");
    this.empty = document.querySelector("#view-privacy .reviews-empty");
    this.badge = document.getElementById("review-count");
    this.audit = document.getElementById("audit-form");
    this.result = document.getElementById("audit-result");
    if (!this.enabled) return;
    document.querySelector('nav a[data-view="privacy"]').hidden = false;
    const own = session.organisation === "hub" ? organisationList() : organisationList().filter(o => o.code === session.organisation);
    this.audit.elements.sender.replaceChildren(...organisationList().map(o => option(o.code, o.name, false)));
    document.getElementById("privacy-scope").textContent = session.organisation === "hub"
      ? "every organisation's" : `${own[0]?.name ?? session.organisation}'s (as sender or recipient)`;
    for (const radio of this.audit.querySelectorAll('input[name="by"]')) radio.addEventListener("change", () => this.showBy());
    this.audit.addEventListener("submit", event => {
      event.preventDefault();
      this.ask();
    });
    this.showBy();
  }

  async load() {
    if (!this.enabled) return;
    try {
      const snapshot = await this.connection.invoke("Reviews");
      this.open = new Map(snapshot.open.map(r => [r.id, r]));
      this.decided = new Map(snapshot.decided.map(r => [r.id, r]));
      this.render();
    } catch (error) {
      showProblem(error.message);
    }
  }

  apply(batch) {
    if (!this.enabled || !batch.reviews?.length) return;
    for (const review of batch.reviews) this.put(review);
    this.render();
  }

  put(review) {
    if (review.verdict) {
      this.open.delete(review.id);
      this.decided.set(review.id, { ...this.decided.get(review.id), ...review, note: review.note ?? this.decided.get(review.id)?.note });
    } else if (!this.decided.has(review.id)) {
      this.open.set(review.id, { ...review, ...this.open.get(review.id) });
    }
  }

  render() {
    const open = [...this.open.values()].sort((a, b) => a.id - b.id);
    this.openBody.replaceChildren(...open.flatMap(review => this.openLines(review)));
    this.empty.hidden = open.length > 0;
    this.badge.textContent = String(open.length);
    this.badge.hidden = open.length === 0;
    const decided = [...this.decided.values()].sort((a, b) => Date.parse(b.decidedAt) - Date.parse(a.decidedAt));
    this.decidedBody.replaceChildren(...decided.map(review => el("tr", { "data-review": review.id },
      el("td", { class: "age", "data-at": review.decidedAt, text: age(review.decidedAt) }),
      el("td", { text: `${organisationName(review.sender)} → ${organisationName(review.recipient)}` }),
      el("td", { text: review.rule ?? "" }),
      el("td", {}, el("span", { class: `chip ${review.verdict}`, title: verdicts[review.verdict], text: review.verdict.replace("-", " ") })),
      el("td", { text: review.decidedBy ?? "" }),
      el("td", { text: review.note ?? "" }))));
  }

  // One line per override, and under it, once opened, the justification and the decision form.
  openLines(review) {
    const line = el("tr", { "data-review": review.id },
      el("td", { class: "age", "data-at": review.at, text: age(review.at) }),
      el("td", { text: organisationName(review.sender) }),
      el("td", { text: organisationName(review.recipient) }),
      el("td", { title: review.purpose, text: review.basis ?? "" }),
      el("td", { text: review.rule ?? "" }),
      el("td", { title: "Meldcode step (stap) the sender says it reached", text: review.meldcodeStep ?? "—" }),
      el("td", { class: "actions" }, review.justification === undefined
        ? el("button", { type: "button", text: "Review", title: "Shows the sender's justification (logged) and lets you judge it", onclick: () => this.openReview(review) })
        : null));
    if (review.justification === undefined) return [line];
    const note = el("textarea", { name: "note", rows: "2", required: "", maxlength: "1000", "aria-label": `Note on override ${review.id}`,
      placeholder: "Why, and what follows (required; kept with the review, not in the access log)" });
    const choices = Object.entries(verdicts).map(([value, meaning]) =>
      el("label", { title: meaning }, el("input", { type: "radio", name: `verdict-${review.id}`, value }), value === "justified" ? "Justified" : "Not justified"));
    const form = el("form", { class: "decision" },
      el("blockquote", { "aria-label": "Justification", text: review.justification }),
      el("div", { class: "verdicts", role: "radiogroup", "aria-label": "Verdict" }, choices),
      note,
      el("button", { type: "submit", text: "Decide" }));
    form.addEventListener("submit", event => {
      event.preventDefault();
      const verdict = form.querySelector(`input[name="verdict-${review.id}"]:checked`)?.value;
      this.decide(review, verdict, note.value);
    });
    return [line, el("tr", { class: "detail", "data-detail": review.id }, el("td", { colspan: "7" }, form))];
  }

  async openReview(review) {
    try {
      const detail = await this.connection.invoke("OpenReview", review.id);
      this.open.set(review.id, { ...detail.review, justification: detail.justification });
      showProblem(null);
      this.render();
    } catch (error) {
      showProblem(error.message);
    }
  }

  async decide(review, verdict, note) {
    if (!verdict) return showProblem("Choose a verdict: justified or not justified.");
    if (!note.trim()) return showProblem("A decision needs a note.");
    try {
      this.put(await this.connection.invoke("DecideReview", review.id, verdict, note));
      showProblem(null);
      this.render();
    } catch (error) {
      showProblem(error.message);
    }
  }

  showBy() {
    const byBsn = this.audit.querySelector('input[name="by"]:checked').value === "bsn";
    this.audit.querySelector(".by-bsn").hidden = !byBsn;
    this.audit.querySelector(".by-reference").hidden = byBsn;
  }

  // The BSN or reference typed leaves the page with the request: the field is emptied, the answer names it masked.
  async ask() {
    const form = this.audit.elements;
    const byBsn = this.audit.querySelector('input[name="by"]:checked').value === "bsn";
    const request = byBsn
      ? { bsn: form.bsn.value, reference: null, sender: null, reason: form.reason.value }
      : { bsn: null, reference: form.reference.value, sender: form.sender.value, reason: form.reason.value };
    form.bsn.value = "";
    form.reference.value = "";
    try {
      const answer = await this.connection.invoke("WhoReceived", request);
      showProblem(null);
      this.showAnswer(answer);
    } catch (error) {
      this.result.replaceChildren();
      showProblem(error.message);
    }
  }

  showAnswer(answer) {
    const rows = answer.disclosures.map(d => el("tr", {},
      el("td", { class: "when", text: new Date(d.at).toLocaleString("nl-NL") }),
      el("td", { text: party(d.sender) }),
      el("td", { text: party(d.recipient) }),
      el("td", { title: d.contract ?? "", text: (d.contract ?? "—").replace(/^V\d+\./, "") }),
      el("td", { text: d.basis ?? "—" }),
      el("td", { text: d.purpose ?? "—" }),
      el("td", { text: d.consent ?? "—" }),
      el("td", { title: d.event, text: d.rule ?? "—" })));
    this.result.replaceChildren(
      el("p", { class: "answer", text: `${answer.disclosures.length} disclosure(s) about ${answer.subject}. This audit is in the access log.` }),
      rows.length === 0 ? null : el("table", { id: "audit-table" },
        el("thead", {}, el("tr", {}, ...["When", "From", "To (recipient)", "Contract", "Legal basis", "Purpose", "Consent", "Rule"]
          .map(h => el("th", { scope: "col", text: h })))),
        el("tbody", {}, rows)));
  }
}
