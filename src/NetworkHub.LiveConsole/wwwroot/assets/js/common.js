// Small helpers shared by the views: the hub's clock, ages, organisation names and safe element building.

let offset = 0; // the hub's clock minus the browser's, from the last message that carried it
const organisations = new Map();

export function syncClock(hubNow) {
  offset = Date.parse(hubNow) - Date.now();
}

export function hubNow() {
  return Date.now() + offset;
}

export function age(at) {
  if (!at) return "never";
  const seconds = Math.max(0, Math.round((hubNow() - Date.parse(at)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d`;
}

export function knowOrganisations(list) {
  for (const o of list) organisations.set(o.code, o);
}

export function organisationName(code) {
  return organisations.get(code)?.name ?? code ?? "(unknown sender)";
}

export function organisationList() {
  return [...organisations.values()];
}

// Builds an element; text is always set as text, never parsed as HTML.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function option(value, label, selected) {
  const node = el("option", { value, text: label });
  node.selected = selected;
  return node;
}

export function showProblem(message) {
  const problem = document.getElementById("problem");
  problem.textContent = message ?? "";
  problem.hidden = !message;
}
