// The timeline of one hand-off (message id), case (correlation id) or MDO: every step the hub recorded, in time order,
// with the policy decision per recipient and its reason, deadlines, alerts and every console action. Opened from a
// feed row, an alert, or an id typed in; the address (#timeline/kind/id) carries it, so a link can be shared.
import { el, hubNow, organisationName, showProblem } from "./common.js";
import { contract, stepKind } from "./terms.js";

const kindNames = { message: "Hand-off", case: "Case", mdo: "MDO" };

export class Timeline {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.current = null;
    this.reloading = false;
    this.form = document.getElementById("timeline-form");
    this.title = document.getElementById("timeline-subject");
    this.parties = document.getElementById("timeline-parties");
    this.list = document.getElementById("timeline-steps");
    this.empty = document.querySelector("#view-timeline .empty");
    this.form.addEventListener("submit", event => {
      event.preventDefault();
      const id = this.form.elements.id.value.trim();
      if (id) location.hash = `#timeline/${this.form.elements.kind.value}/${encodeURIComponent(id)}`;
    });
  }

  // After a reconnect: what happened meanwhile.
  async load() {
    if (this.current) await this.open(this.current.kind, this.current.id);
  }

  show([kind, id] = []) {
    if (kind && id) this.open(kind, decodeURIComponent(id));
  }

  async open(kind, id) {
    try {
      const timeline = await this.connection.invoke("Timeline", kind, id);
      this.current = timeline;
      if (kind !== timeline.kind || id !== timeline.id) history.replaceState(null, "", `#timeline/${timeline.kind}/${timeline.id}`);
      showProblem(null);
      this.render();
    } catch (error) {
      this.current = null;
      this.title.textContent = `${kindNames[kind] ?? kind} ${id}`;
      this.parties.textContent = "";
      this.list.replaceChildren();
      this.empty.hidden = false;
      this.empty.textContent = error.message.replace(/^An unexpected error occurred invoking 'Timeline' on the server\. HubException: /, "");
      showProblem(this.empty.textContent);
    }
  }

  // Something that happened to a hand-off or alert on screen: read the timeline again (at most one read at a time).
  apply(batch) {
    const timeline = this.current;
    if (!timeline || this.reloading) return;
    const messages = new Set(timeline.steps.map(s => s.messageId).filter(Boolean));
    const alerts = new Set(timeline.steps.map(s => s.alertId).filter(Boolean));
    const touched = batch.feed.some(r => messages.has(r.messageId)) || batch.changes.some(c => messages.has(c.key))
      || batch.alerts.some(a => alerts.has(a.id));
    if (!touched) return;
    this.reloading = true;
    this.open(timeline.kind, timeline.id).finally(() => { this.reloading = false; });
  }

  render() {
    const timeline = this.current;
    this.form.elements.kind.value = timeline.kind;
    this.form.elements.id.value = timeline.id;
    this.title.textContent = `${kindNames[timeline.kind]} ${timeline.id}`;
    this.parties.textContent = timeline.parties.length ? `Organisations involved: ${timeline.parties.map(organisationName).join(", ")}` : "";
    this.list.replaceChildren(...timeline.steps.map(step => this.step(step)));
    this.empty.hidden = timeline.steps.length > 0;
    this.empty.textContent = "Nothing recorded yet.";
  }

  step(step) {
    const [label, meaning] = stepKind(step.kind);
    const when = new Date(step.at);
    const facts = [
      step.contract ? el("span", { class: "fact", title: contract(step.contract)[1], text: contract(step.contract)[0] }) : null,
      step.rule ? el("span", { class: "fact", title: "The row of the privacy policy that decided", text: `rule ${step.rule}` }) : null,
      step.basis ? el("span", { class: "fact", title: "Legal basis (grondslag)", text: `basis ${step.basis}` }) : null,
      step.purpose ? el("span", { class: "fact", title: "Purpose (doelbinding)", text: `purpose ${step.purpose}` }) : null,
      step.consent ? el("span", { class: "fact", title: "Consent (toestemming) the decision rests on; the recording organisation's own id is masked", text: `consent ${step.consent}` }) : null,
      step.code ? el("span", { class: "fact code", title: step.code.text, text: `${step.code.id} ${step.code.name}` }) : null,
    ];
    return el("li", { class: `step ${step.kind}${step.pending ? " pending" : ""}`, "data-kind": step.kind },
      el("time", { datetime: step.at, title: when.toISOString(), text: when.toLocaleString("nl-NL", { dateStyle: "short", timeStyle: "medium" }) }),
      el("span", { class: "step-kind", title: meaning, text: step.pending ? `${label} (pending: due in ${until(step.at)})` : label }),
      el("div", { class: "step-body" },
        el("div", { class: "summary", text: step.summary }),
        facts.some(Boolean) ? el("div", { class: "facts" }, facts) : null,
        step.detail ? el("div", { class: "detail", text: step.detail }) : null));
  }
}

function until(at) {
  const seconds = Math.max(0, Math.round((Date.parse(at) - hubNow()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}
