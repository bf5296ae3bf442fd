// Masked personal data: a value shows as dots; a privacy officer may reveal one field, with a reason the hub logs.
import { el, showProblem } from "./common.js";

const dots = "•••••";

// A masked value of a record ({ source, id }) and field. For a privacy officer it carries a reason box and an Unmask
// button; for everyone else only the dots. The value reaches the page only after the hub logged the reveal.
export function maskedValue(connection, session, record, field) {
  const value = el("span", { class: "masked", title: "Personal data: masked", text: dots });
  if (session.role !== "privacy-officer") return value;
  const reason = el("input", { name: "reason", placeholder: "reason (required)", "aria-label": `Reason to unmask ${field}` });
  const holder = el("span", { class: "unmask" }, value, reason);
  holder.append(el("button", {
    type: "button",
    text: "Unmask",
    onclick: async () => {
      try {
        const revealed = await connection.invoke("Unmask", { source: record.source, id: String(record.id), field, reason: reason.value });
        holder.replaceChildren(el("span", { class: "unmasked", title: "Unmasked: your reason is in the access log", text: revealed ?? "" }));
        showProblem(null);
      } catch (error) {
        showProblem(error.message);
      }
    },
  }));
  return holder;
}
