// Domain terms as the console shows them: a short label and what it means, for the title (hover) text.

const contracts = {
  Signaal: ["Signaal", "Signal: an organisation is worried about, or involved with, a child or family"],
  WarmeOverdrachtOffered: ["Warme overdracht", "Warm hand-over offered: a case handed to another organisation with its reason and safety assessment"],
  WarmeOverdrachtAccepted: ["Warme overdracht: accepted", "The receiver takes the warm hand-over on"],
  WarmeOverdrachtDeclined: ["Warme overdracht: declined", "The receiver declines the warm hand-over"],
  FirstContactConfirmed: ["First contact", "The receiver of a warm hand-over reached the family"],
  WarmeOverdrachtCompleted: ["Warme overdracht: completed", "The warm hand-over is done"],
  MdoUitnodiging: ["MDO-uitnodiging", "Invitation to a multidisciplinair overleg: a meeting of the organisations involved and the family"],
  MdoAnswer: ["MDO answer", "An invitee accepts, declines or delegates an MDO invitation"],
  MdoMinutesShared: ["MDO minutes", "The agreements of an MDO, shared with its attendees"],
  RegieAssigned: ["Regie", "Who is the regisseur: the one person who keeps the overview of a family's plan"],
  Terugkoppeling: ["Terugkoppeling", "Feedback to the organisation that reported a signal"],
  Opschaling: ["Opschaling", "Escalation, e.g. to Veilig Thuis or the Raad voor de Kinderbescherming"],
  Afschaling: ["Afschaling", "De-escalation back to the wijkteam or basic services"],
  CaseClosed: ["Case closed", "An organisation closed its involvement with a family"],
  DeletionRequested: ["Deletion request", "Consent was withdrawn: delete what you received under it"],
};

const organisationTypes = {
  Wijkteam: "Wijkteam: the neighbourhood team, access point for families; usually holds regie",
  VeiligThuis: "Veilig Thuis: reporting centre for domestic violence and child abuse",
  GecertificeerdeInstelling: "Gecertificeerde instelling (GI): carries out child-protection orders",
  RaadVoorDeKinderbescherming: "Raad voor de Kinderbescherming: investigates whether a child-protection order is needed",
  School: "School: where worries often surface first",
  Huisarts: "Huisarts: general practitioner",
  Schuldhulp: "Schuldhulp: debt help",
  Jgz: "JGZ: youth health care (GGD)",
  Leerplicht: "Leerplicht: school attendance officer",
  Politie: "Politie: police",
  Woningcorporatie: "Woningcorporatie: housing association",
  Jeugdhulpaanbieder: "Jeugdhulpaanbieder: youth care provider",
  Procesmanager: "Procesmanager: resolves escalations",
};

export const states = {
  waiting: "Routed; the recipient has not acknowledged it yet (3 working days)",
  acknowledged: "The recipient confirmed it received the hand-off (bevestigd)",
  returned: "The recipient sent it back with a reason code (teruggestuurd)",
  overdue: "No acknowledgement by the deadline: the sender and the operators are alerted (te laat)",
  quarantined: "The hub could not accept it: returned to the sender with a code and kept for the operators (quarantaine)",
};

const alertKinds = {
  AcknowledgementOverdue: ["Overdue acknowledgement", "A recipient did not acknowledge or return a hand-off within its deadline"],
  WarmeOverdrachtEscalated: ["Warme overdracht unanswered", "The receiver of a warm hand-over has not accepted or declined it, even after a reminder"],
  WarmeOverdrachtReturned: ["Warme overdracht returned", "No first contact with the family in time: the case went back to its sender"],
  RegieMissing: ["Regie missing", "Several organisations are involved with a family and nobody has taken regie"],
  RegieConflict: ["Regie conflict", "Two organisations claim regie over the same family"],
  MatchNotification: ["Match", "Two organisations signalled about the same child or family"],
  Unroutable: ["Unroutable", "The broker had no queue for a message; the queue was provisioned again and the message is resent"],
  OutboxParked: ["Parked message", "The hub could not hand a message to the broker after many tries; fix the cause, then retry it"],
  DeadLettered: ["Dead letter", "The broker gave up on a message; it is kept in quarantine"],
  CaseStale: ["Stale case", "A case hangs: an evaluation date passed without an evaluation, an accepted warme overdracht was not completed, or safety concerns are open with no step about the child"],
};

// Attention items that follow from the hub's state (not alerts): they clear themselves when the state changes.
const attentionKinds = {
  WaitingForAcknowledgement: ["Waiting for acknowledgement", "Hand-offs the recipient has not acknowledged (bevestigd) yet, with less than half of their time left"],
  DeletionConfirmationOutstanding: ["Deletion not confirmed", "Consent was withdrawn; the recipient was asked to delete what it received and has not confirmed yet"],
  Quarantined: ["Quarantined", "Input the hub could not accept, returned to its sender with a code and kept (quarantaine) until someone replays it"],
  PartnerSilent: ["Partner silent", "The hub has not heard from this organisation for too long: its system may be down"],
};

// The steps of a timeline.
const stepKinds = {
  received: ["Received", "The hub received the message from its sender (ontvangen)"],
  decision: ["Policy decision", "The privacy policy's decision for one recipient: rule, legal basis, purpose, consent, and why"],
  routed: ["Routed", "A copy for this recipient was recorded, with the deadline to acknowledge it"],
  dispatched: ["Dispatched", "The copy was handed to the broker, on its way to the recipient's system"],
  acknowledged: ["Acknowledged", "The recipient confirmed it received the hand-off (bevestigd)"],
  returned: ["Returned", "The recipient sent it back with a reason code (teruggestuurd)"],
  overdue: ["Overdue", "No acknowledgement by the deadline (te laat): the sender and the operators are alerted"],
  quarantined: ["Quarantined", "The hub could not accept it: returned to the sender with a code and kept (quarantaine)"],
  "hub-message": ["Sent by the hub", "A message the hub sent because of this: a return, a reminder, an escalation, a terugkoppeling"],
  deadline: ["Deadline", "A deadline the hub keeps: pending, passed (fired) or no longer needed"],
  alert: ["Alert", "An alert for the operators: raised, picked up, resolved"],
  "console-action": ["Console action", "Something a console or operator-tool user did or viewed; each is a row in the access log"],
  mdo: ["MDO", "A step of the multidisciplinair overleg: convened, answered, minutes shared, evaluation dates"],
};

// Contract names on the wire carry their version ("V1.Signaal"); the console shows the name alone.
const wireVersion = "V1.";
const unversioned = name => (name ?? "").replace(/^V\d+\./, "");

export const contractNames = Object.keys(contracts).map(name => wireVersion + name);

export function contract(name) {
  return contracts[unversioned(name)] ?? [unversioned(name), name];
}

export function alertKind(kind) {
  return alertKinds[unversioned(kind)] ?? attentionKinds[kind] ?? [unversioned(kind), kind];
}

export function stepKind(kind) {
  return stepKinds[kind] ?? [kind, kind];
}

export function organisationType(type) {
  return organisationTypes[type] ?? type;
}
