// The console: connects to the hub's live hub, loads each view once from the database, then applies live batches.
import { age, knowOrganisations, showProblem, syncClock } from "./common.js";
import { Feed } from "./feed.js";
import { Attention } from "./attention.js";
import { Partners } from "./partners.js";
import { Mdo } from "./mdo.js";
import { Privacy } from "./privacy.js";
import { Quarantine } from "./quarantine.js";
import { Network } from "./network.js";
import { Timeline } from "./timeline.js";
import { HandOvers } from "./handovers.js";
import { Steering } from "./steering.js";

// Every view: loaded from the hub's database once, then kept current by live batches. A new view adds one line here.
const viewTypes = {
  feed: Feed, attention: Attention, partners: Partners, network: Network, timeline: Timeline, quarantine: Quarantine, mdo: Mdo, privacy: Privacy,
  handovers: HandOvers, steering: Steering,
};

const status = document.getElementById("connection");
// WebSockets straight away, without SignalR's negotiate request: behind a load balancer any hub instance can take the
// connection (no sticky sessions), since every instance reads every instance's sign-in cookie and gets every event.
const connection = new signalR.HubConnectionBuilder()
  .withUrl("/hubs/console", { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .withAutomaticReconnect()
  .build();
let views = null;

// The address names the view, and for some views what to show in it (#timeline/message/<id>).
function show() {
  const [wanted, ...args] = (location.hash || "#feed").slice(1).split("/");
  for (const section of document.querySelectorAll("main .view")) section.hidden = section.id !== `view-${wanted}`;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.view === wanted) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  views?.[wanted]?.show?.(args);
}

async function loadAll() {
  await Promise.all(Object.values(views).map(view => view.load()));
}

function setStatus(text, state) {
  status.textContent = text;
  status.dataset.state = state;
}

connection.on("activity", batch => {
  syncClock(batch.now);
  for (const view of Object.values(views ?? {})) view.apply(batch);
  if (batch.dropped > 0) showProblem(`The hub dropped ${batch.dropped} live updates because browsers could not keep up; reload to see everything.`);
});
connection.onreconnecting(() => setStatus("reconnecting…", "reconnecting"));
connection.onreconnected(async () => {
  setStatus("live", "live");
  await loadAll(); // what happened while disconnected
});
connection.onclose(() => setStatus("disconnected: reload the page", "closed"));

window.addEventListener("hashchange", show);
// Ages count up between batches (this redraws the page's own text; it asks the hub for nothing).
setInterval(() => {
  for (const cell of document.querySelectorAll("td.age[data-at]")) {
    const at = cell.dataset.at;
    cell.textContent = !at ? "never" : cell.closest("#partners-table") ? `${age(at)} ago` : age(at);
  }
  views?.partners.render();
}, 1000);

try {
  await connection.start();
  setStatus("loading…", "connecting");
  const session = await connection.invoke("Session");
  syncClock(session.now);
  knowOrganisations(session.organisations);
  document.getElementById("user").textContent =
    `${session.user} · ${session.role} · ${session.organisation === "hub" ? "operations team (all organisations)" : session.organisations.find(o => o.code === session.organisation)?.name ?? session.organisation}`;
  views = Object.fromEntries(Object.entries(viewTypes).map(([name, View]) => [name, new View(connection, session)]));
  await loadAll();
  setStatus("live", "live");
  show();
} catch (error) {
  if (String(error).includes("401")) location.href = "/console/sign-in?ReturnUrl=%2Fconsole";
  setStatus("not connected", "closed");
  showProblem(`The console could not connect to the hub: ${error.message ?? error}`);
}
