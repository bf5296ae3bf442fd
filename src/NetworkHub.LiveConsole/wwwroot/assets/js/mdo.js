// The regisseur's MDO view: pick a case the organisation holds regie for, convene an MDO of the organisations involved
// with the child or its family, follow the answers live, share the minutes with the attendees.
import { age, el, hubNow, option, organisationName, showProblem } from "./common.js";

const answers = {
  waiting: "No answer yet",
  accept: "Comes to the MDO",
  decline: "Does not come",
  delegate: "Sends someone else from the organisation",
};

// What may be shared, with a starting description the regisseur can change.
const contents = [
  ["Plan", "Het gezinsplan en de afspraken tot nu toe", true],
  ["Reason", "De aanleiding: de signalen over het kind en het gezin", false],
  ["Finances", "Schulden en inkomen, voor zover nodig voor het plan", false],
  ["Safety", "De veiligheidsinschatting", false],
  ["Health", "Gezondheid, voor zover nodig voor het plan", false],
];

export class Mdo {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.regisseur = session.role === "regisseur";
    this.detail = null;
    this.section = document.getElementById("view-mdo");
    this.body = document.querySelector("#mdo-cases tbody");
    this.empty = this.section.querySelector(".mdo-cases .empty");
    this.panel = document.getElementById("mdo-case");
    this.meetings = document.getElementById("mdo-meetings");
    document.querySelector('nav a[data-view="mdo"]').hidden = !this.regisseur;
  }

  async load() {
    if (!this.regisseur) return;
    try {
      const cases = await this.connection.invoke("MdoCases");
      this.body.replaceChildren(...cases.map(c => el("tr", { "data-case": c.caseId, class: c.caseId === this.detail?.case.caseId ? "selected" : "" },
        el("td", {}, el("button", { type: "button", class: "link", text: c.reference, onclick: () => this.open(c.caseId) })),
        el("td", { text: c.scope }),
        el("td", { class: "masked", title: "Your organisation's own reference for the child, masked", text: c.ownReference ?? "—" }),
        el("td", { class: "age", "data-at": c.since, text: age(c.since) }),
        el("td", { class: "number", text: String(c.mdos) }))));
      this.empty.hidden = cases.length > 0;
      if (this.detail) { // the open case's MDOs again; the forms keep what the regisseur typed
        this.detail = await this.connection.invoke("MdoCase", this.detail.case.caseId);
        this.renderMdos();
      }
    } catch (error) {
      showProblem(error.message);
    }
  }

  apply(batch) {
    if (!this.regisseur || !batch.mdo.length) return;
    const mdos = this.detail?.mdos ?? [];
    let reload = false;
    for (const step of batch.mdo) {
      const mdo = mdos.find(m => m.mdoId === step.mdoId);
      if (!mdo) { reload ||= step.step === "convened"; continue; }
      const invitee = mdo.invitees.find(i => i.organisation === step.organisation);
      if (step.step === "answered" && invitee) Object.assign(invitee, { answer: step.answer, answeredAt: step.at });
      if (step.step === "reminded" && invitee) invitee.remindedAt = step.at;
      if (step.step === "minutes") mdo.minutesSharedAt = step.at;
      if (step.step === "cancelled") mdo.cancelledAt = step.at;
      this.update(mdo, invitee, step.step);
    }
    if (reload) this.load(); // an MDO convened (here, or by the organisation's own system): counts and list change
  }

  // One step on screen, without redrawing what the regisseur is typing.
  update(mdo, invitee, step) {
    const article = this.meetings.querySelector(`article[data-mdo="${mdo.mdoId}"]`);
    if (!article) return;
    if (step === "minutes" || step === "cancelled") { article.replaceWith(this.mdo(mdo)); return; }
    article.querySelector(`tr[data-invitee="${invitee.organisation}"]`)?.replaceWith(this.invitee(invitee));
    const attends = article.querySelector(`.mdo-minutes input[value="${invitee.organisation}"]`);
    if (attends && step === "answered") attends.checked = invitee.answer === "accept" || invitee.answer === "delegate";
  }

  async open(caseId) {
    try {
      this.detail = await this.connection.invoke("MdoCase", caseId);
      for (const row of this.body.children) row.classList.toggle("selected", row.dataset.case === caseId);
      this.render();
      showProblem(null);
    } catch (error) {
      showProblem(error.message);
    }
  }

  render() {
    const d = this.detail;
    // Typed from the organisation's own file and kept in this input only: never stored, never put in the page's markup.
    const child = this.panel.querySelector('input[name="child"]') ?? el("input", { name: "child", type: "password", autocomplete: "off",
      title: "From your own file: the hub keeps no BSN and checks that it is this case's child." });
    this.panel.hidden = false;
    this.panel.replaceChildren(
      el("h3", { text: `Case ${d.case.reference} · regie over the ${d.case.scope}` }),
      el("label", { class: "child" }, "Child's BSN or your reference", child),
      this.conveneForm(d));
    this.renderMdos();
  }

  conveneForm(d) {
    const at = (days, hour) => { const t = new Date(hubNow() + days * 86400000); t.setHours(hour, 0, 0, 0); return local(t); };
    const consents = el("select", { name: "consent" }, d.consents.map(c =>
      option(c.consentId, `${c.consentId}: covers ${c.covers.join(", ")} (given by ${c.grantedBy})`, false)));
    const form = el("form", { class: "mdo-convene", "aria-label": "Convene an MDO" },
      el("fieldset", {}, el("legend", { text: "Invite the organisations involved" }),
        d.invitees.length === 0 ? el("p", { class: "hint", text: "The hub knows of no other organisation involved with this child or its family." }) : null,
        d.invitees.map(i => el("label", { class: "invitee" }, el("input", { type: "checkbox", name: "invitee", value: i.organisation }),
          organisationName(i.organisation), el("span", { class: "hint", text: ` — ${i.reasons.join("; ")}` })))),
      el("fieldset", {}, el("legend", { text: "And from the family" }),
        el("label", {}, el("input", { type: "checkbox", name: "parents" }), "The parents"),
        el("label", { title: d.youngPersonFrom12 ? "The young person is invited to their own MDO from 12" : "Only from 12, by the date of birth in your organisation's consent record" },
          el("input", { type: "checkbox", name: "young", disabled: d.youngPersonFrom12 ? null : "" }), "The young person (12 or older)")),
      el("label", {}, "Purpose", el("textarea", { name: "purpose", rows: "2", required: "" })),
      el("div", { class: "row" },
        el("label", {}, "Meeting", el("input", { type: "datetime-local", name: "meeting", value: at(7, 10), required: "" })),
        el("label", {}, "Answers before", el("input", { type: "datetime-local", name: "rsvp", value: at(5, 17), required: "" })),
        el("label", {}, "Location", el("input", { name: "location", placeholder: "or how to join online" }))),
      el("fieldset", {}, el("legend", { text: "What will be shared, on the family's consent (toestemming)" }),
        el("label", {}, "Consent", consents),
        d.consents.length === 0 ? el("p", { class: "hint", text: "No consent for an MDO is on record from your organisation: record it first (the hub returns the invitation without one)." }) : null,
        contents.map(([kind, text, checked]) => el("label", { class: "sharing" },
          el("input", { type: "checkbox", name: "share", value: kind, checked: checked ? "" : null }), kind,
          el("input", { name: `share-${kind}`, value: text, "aria-label": `What of ${kind}` })))),
      el("button", { type: "submit", text: "Send invitation" }),
      el("p", { class: "mdo-result", "aria-live": "polite" }));
    form.addEventListener("submit", event => { event.preventDefault(); this.convene(form); });
    return form;
  }

  async convene(form) {
    const f = form.elements;
    const checked = name => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);
    await this.send(form.querySelector(".mdo-result"), "ConveneMdo", {
      caseId: this.detail.case.caseId,
      child: this.child(),
      purpose: f.purpose.value,
      location: f.location.value || null,
      meetingAt: new Date(f.meeting.value).toISOString(),
      rsvpBefore: new Date(f.rsvp.value).toISOString(),
      invitees: checked("invitee"),
      inviteParents: f.parents.checked,
      inviteYoungPerson: f.young.checked,
      consentId: f.consent.value,
      sharing: checked("share").map(kind => ({ content: kind, description: f[`share-${kind}`].value })),
    }, "Invitation sent");
  }

  async send(result, method, form, success) {
    try {
      const sent = await this.connection.invoke(method, form);
      const code = sent.code ? `${sent.code.id} ${sent.code.name}: ${sent.code.text}` : null;
      result.className = `mdo-result ${sent.outcome === "routed" ? "sent" : "refused"}`;
      result.textContent = sent.outcome === "routed"
        ? `${success}.${code ? ` Not to everyone: ${code}. ${sent.reason ?? ""}` : ""}`
        : `Returned by the hub, nothing was sent: ${code ?? sent.outcome}. ${sent.reason ?? ""}`;
      showProblem(null);
    } catch (error) {
      result.className = "mdo-result refused";
      result.textContent = error.message.replace(/^.*HubException: /, "");
    }
  }

  child() {
    return this.panel.querySelector('input[name="child"]').value;
  }

  renderMdos() {
    const list = this.meetings.querySelector(".mdo-list");
    const mdos = this.detail.mdos;
    this.meetings.hidden = false;
    list.replaceChildren(...(mdos.length ? mdos.map(m => this.mdo(m)) : [el("p", { class: "empty", text: "No MDO convened for this case yet." })]));
  }

  mdo(m) {
    const state = m.cancelledAt ? "cancelled" : m.minutesSharedAt ? `minutes shared ${age(m.minutesSharedAt)} ago` : `answers due ${when(m.rsvpDeadline)}`;
    const minutes = el("form", { class: "mdo-minutes", "aria-label": "Share the minutes" },
      el("fieldset", {}, el("legend", { text: "Share the minutes with" }),
        m.invitees.map(i => el("label", {}, el("input", { type: "checkbox", name: "to", value: i.organisation,
          checked: i.answer === "accept" || i.answer === "delegate" ? "" : null }), organisationName(i.organisation)))),
      el("label", {}, "Agreements", el("textarea", { name: "agreements", rows: "2", placeholder: "one agreement a line" })),
      el("label", {}, "Next evaluation", el("input", { type: "date", name: "evaluation", value: local(new Date(hubNow() + 42 * 86400000)).slice(0, 10) })),
      el("button", { type: "submit", text: "Share minutes" }),
      el("p", { class: "mdo-result", "aria-live": "polite" }));
    minutes.addEventListener("submit", event => {
      event.preventDefault();
      const f = minutes.elements;
      this.send(minutes.querySelector(".mdo-result"), "ShareMdoMinutes", {
        mdoId: m.mdoId,
        child: this.child(),
        consentId: this.panel.querySelector('select[name="consent"]').value,
        to: [...minutes.querySelectorAll('input[name="to"]:checked')].map(i => i.value),
        agreements: f.agreements.value.split("\n"),
        nextEvaluationOn: f.evaluation.value,
      }, "Minutes shared");
    });
    return el("article", { class: "mdo", "data-mdo": m.mdoId },
      el("h5", {}, `MDO convened ${age(m.convenedAt)} ago`, el("span", { class: "hint", text: ` · ${state}` })),
      el("table", { class: "mdo-invitees" },
        el("thead", {}, el("tr", {}, el("th", { text: "Invitee" }), el("th", { text: "Answer" }), el("th", { text: "Reminded by the hub" }))),
        el("tbody", {}, m.invitees.map(i => this.invitee(i)))),
      m.cancelledAt || m.minutesSharedAt ? null : minutes);
  }

  invitee(i) {
    return el("tr", { "data-invitee": i.organisation },
      el("td", { text: organisationName(i.organisation) }),
      el("td", {}, el("span", { class: `chip answer-${i.answer}`, title: answers[i.answer] ?? i.answer, text: i.answer })),
      el("td", { text: i.remindedAt ? `${age(i.remindedAt)} ago` : "—" }));
  }
}

// A moment as a datetime-local input wants it, in the browser's time zone.
function local(date) {
  const pad = n => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function when(at) {
  return new Date(at).toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
}
