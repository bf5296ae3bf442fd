// Sturingsinformatie: a month's process figures per partner (aggregates only), a table and a bar chart drawn here as SVG.
import { el, hubNow, option, organisationList, organisationName, showProblem } from "./common.js";

const svgNs = "http://www.w3.org/2000/svg";

// The parts of a partner's received hand-offs, left to right in its bar.
const parts = [
  { key: "acknowledgedInTime", label: "acknowledged in time", className: "in-time" },
  { key: "acknowledgedLate", label: "acknowledged late", className: "late" },
  { key: "returned", label: "returned", className: "returned" },
  { key: "waiting", label: "no answer yet", className: "waiting" },
];

export class Steering {
  constructor(connection, session) {
    this.connection = connection;
    this.session = session;
    this.form = document.getElementById("steering-query");
    this.progress = document.getElementById("steering-progress");
    this.body = document.querySelector("#steering-table tbody");
    this.chart = document.getElementById("steering-chart");
    this.summary = document.getElementById("steering-summary");
    const organisation = this.form.elements.organisation;
    if (session.organisation === "hub") {
      organisation.append(option("", "All partners", true));
      for (const o of organisationList()) organisation.append(option(o.code, o.name, false));
    } else {
      organisation.append(option(session.organisation, organisationName(session.organisation), true));
      organisation.disabled = true; // an organisation's users see their own figures
    }
    this.form.elements.month.value = new Date(hubNow()).toISOString().slice(0, 7);
    this.form.addEventListener("submit", event => { event.preventDefault(); this.show(); });
    connection.on("steeringProgress", p => {
      this.progress.max = p.total;
      this.progress.value = p.done;
    });
  }

  // Computed when asked for (a month at a time), not on every console load.
  async load() {}

  apply() {}

  async show() {
    const f = this.form.elements;
    this.progress.value = 0;
    this.progress.hidden = false;
    try {
      const snapshot = await this.connection.invoke("Steering", { month: f.month.value, organisation: f.organisation.value || null });
      showProblem(null);
      const rows = snapshot.rows.filter(r => r.handOffsSent + r.handOffsReceived + r.handOversReceived + r.feedbackWanted + r.escalationsOpened > 0);
      this.summary.textContent = `${snapshot.month}: ${rows.length} partner(s) with traffic.`;
      this.body.replaceChildren(...rows.map(row));
      this.chart.replaceChildren(chart(rows));
    } catch (error) {
      showProblem(error.message);
    } finally {
      this.progress.hidden = true;
    }
  }
}

function row(r) {
  const codes = Object.entries(r.returnedByCode).map(([code, n]) => `${code}: ${n}`).join(", ");
  return el("tr", { "data-partner": r.organisation },
    el("td", { title: r.organisation, text: organisationName(r.organisation) }),
    number(r.handOffsSent),
    number(r.handOffsReceived),
    number(r.acknowledgedInTime, percent(r.acknowledgedInTime, r.handOffsReceived)),
    number(r.acknowledgedLate),
    el("td", { class: "number", title: codes, text: r.returned ? `${r.returned} (${codes})` : "0" }),
    number(r.overdue),
    durations(r.ackCount, r.ackMedianHours, r.ackP90Hours),
    number(r.handOversReceived),
    durations(r.firstContactCount, r.firstContactMedianHours, r.firstContactP90Hours),
    el("td", { class: "number", text: r.feedbackWanted ? `${r.feedbackGiven} of ${r.feedbackWanted} (${percent(r.feedbackGiven, r.feedbackWanted)})` : "–" }),
    el("td", { class: "number", text: `${r.escalationsOpened} (${r.escalationsOpenedAnsweredInTime} in time)` }),
    el("td", { class: "number", text: `${r.escalationsReceived} (${r.escalationsReceivedAnsweredInTime} in time)` }));
}

function number(value, extra) {
  return el("td", { class: "number", text: extra ? `${value} (${extra})` : String(value) });
}

function durations(count, median, p90) {
  return el("td", { class: "number", title: `${count} measured; nearest-rank percentiles`,
    text: count ? `${hours(median)} / ${hours(p90)}` : "–" });
}

function hours(value) {
  return value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} d`;
}

function percent(part, whole) {
  return whole ? `${Math.round((part / whole) * 100)}%` : "–";
}

// A horizontal bar per partner: its received hand-offs, split into acknowledged in time, late, returned and unanswered.
function chart(rows) {
  const bars = rows.filter(r => r.handOffsReceived > 0).sort((a, b) => b.handOffsReceived - a.handOffsReceived);
  const max = Math.max(1, ...bars.map(r => r.handOffsReceived));
  const [labelWidth, barWidth, rowHeight, top] = [220, 520, 26, 28];
  const svg = svgEl("svg", { viewBox: `0 0 ${labelWidth + barWidth + 60} ${top + bars.length * rowHeight + 8}`, role: "img",
    "aria-label": "Hand-offs received per partner: acknowledged in time, late, returned and without an answer yet" });
  // The legend spans the whole width, so its longest label still fits inside the chart.
  const legendStep = (labelWidth + barWidth) / parts.length;
  parts.forEach((part, i) => {
    svg.append(svgEl("rect", { x: 8 + i * legendStep, y: 4, width: 12, height: 12, class: `bar ${part.className}` }));
    svg.append(svgEl("text", { x: 8 + i * legendStep + 16, y: 14, class: "legend-text" }, part.label));
  });
  bars.forEach((r, i) => {
    const y = top + i * rowHeight;
    svg.append(svgEl("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end", class: "label" }, organisationName(r.organisation)));
    let x = labelWidth;
    for (const part of parts) {
      const width = (r[part.key] / max) * barWidth;
      if (width > 0) {
        const rect = svgEl("rect", { x, y, width, height: rowHeight - 6, class: `bar ${part.className}`, "data-part": part.key });
        rect.append(svgEl("title", {}, `${organisationName(r.organisation)}: ${r[part.key]} ${part.label}`));
        svg.append(rect);
      }
      x += width;
    }
    svg.append(svgEl("text", { x: x + 6, y: y + 15, class: "total" }, String(r.handOffsReceived)));
  });
  if (bars.length === 0) svg.append(svgEl("text", { x: labelWidth, y: top + 15, class: "label" }, "No hand-offs received this month."));
  return svg;
}

function svgEl(tag, attributes, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
