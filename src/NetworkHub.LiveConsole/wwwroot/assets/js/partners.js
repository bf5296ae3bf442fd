// Partners: per organisation, the last message seen and the last hour's hand-offs and returns; silence highlighted.
import { age, el, hubNow } from "./common.js";
import { organisationType } from "./terms.js";

export class Partners {
  constructor(connection, session) {
    this.connection = connection;
    this.silentAfterMs = parseDuration(session.silentAfter);
    this.partners = new Map();
    this.body = document.querySelector("#partners-table tbody");
    document.getElementById("silent-after").textContent = describe(this.silentAfterMs);
  }

  async load() {
    const snapshot = await this.connection.invoke("Partners");
    this.partners = new Map(snapshot.partners.map(p => [p.code, p]));
    this.render();
  }

  apply(batch) {
    for (const partner of batch.partners) this.partners.set(partner.code, partner);
    if (batch.partners.length) this.render();
  }

  silent(partner) {
    return !partner.lastSeen || hubNow() - Date.parse(partner.lastSeen) > this.silentAfterMs;
  }

  render() {
    const partners = [...this.partners.values()].sort((a, b) => a.name.localeCompare(b.name));
    this.body.replaceChildren(...partners.map(p => {
      const silent = this.silent(p);
      return el("tr", { "data-partner": p.code, class: silent ? "silent" : "" },
        el("td", { title: p.code }, p.name, silent ? el("span", { class: "chip silent", title: "No message seen for too long", text: "silent" }) : null),
        el("td", { title: organisationType(p.type), text: p.type }),
        el("td", { class: "age", "data-at": p.lastSeen ?? "", text: p.lastSeen ? `${age(p.lastSeen)} ago` : "never" }),
        el("td", { class: "number", text: String(p.handOffsLastHour) }),
        el("td", { class: "number", text: String(p.returnedLastHour) }));
    }));
  }
}

// A .NET TimeSpan as JSON ("00:30:00" or "1.00:00:00") in milliseconds.
function parseDuration(text) {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(text ?? "");
  if (!match) return 30 * 60 * 1000;
  const [, days, hours, minutes, seconds] = match.map(v => Number(v ?? 0));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

function describe(ms) {
  const minutes = Math.round(ms / 60000);
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} hour(s)` : `${minutes} minutes`;
}
