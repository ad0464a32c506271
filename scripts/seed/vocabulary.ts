/**
 * Built-in vocabulary for realistic (but fictional) mail: people at reserved
 * example domains, subjects and body sentences grouped by topic.
 */

export interface Contact {
  name: string;
  address: string;
  /** Shown in signatures. */
  title: string;
  company: string;
}

const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Ethan",
  "Sophia",
  "Mason",
  "Isabella",
  "Lucas",
  "Mia",
  "Oliver",
  "Amelia",
  "Elijah",
  "Harper",
  "James",
  "Evelyn",
  "Benjamin",
  "Abigail",
  "Henry",
  "Priya",
  "Arjun",
  "Mei",
  "Kenji",
  "Fatima",
  "Omar",
  "Ingrid",
  "Lars",
  "Chiara",
  "Matteo",
  "Zoë",
  "Renée",
  "Björn",
  "Siobhán",
  "Søren",
  "Ana",
  "Tomás",
  "Nadia",
  "Yusuf",
  "Grace",
];
const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Patel",
  "Nakamura",
  "Chen",
  "Okafor",
  "Haddad",
  "Lindqvist",
  "Rossi",
  "Novak",
  "O'Brien",
  "Dubois",
  "Núñez",
  "Kowalski",
  "Fischer",
  "Andersen",
  "Silva",
  "Kim",
  "Singh",
  "Murphy",
  "Walsh",
  "Costa",
];
export const COMPANIES: readonly { name: string; domain: string }[] = [
  { name: "Northwind Traders", domain: "northwind.example" },
  { name: "Contoso Ltd", domain: "contoso.example" },
  { name: "Globex Corporation", domain: "globex.example" },
  { name: "Initech", domain: "initech.example" },
  { name: "Umbrella Logistics", domain: "umbrella-logistics.example" },
  { name: "Acme Supplies", domain: "acme.example" },
  { name: "Blue Yonder Airlines", domain: "blueyonder.example" },
  { name: "Fabrikam", domain: "fabrikam.example" },
  { name: "Tailspin Toys", domain: "tailspin.example" },
  { name: "Wide World Importers", domain: "wideworld.example" },
  { name: "Mailroom", domain: "mailroom.test" },
];
const TITLES = [
  "Project Manager",
  "Account Executive",
  "Senior Engineer",
  "Head of Finance",
  "Office Manager",
  "Product Designer",
  "Operations Lead",
  "Customer Success",
  "CTO",
  "Marketing Coordinator",
];

/** A stable pool of contacts; index i always yields the same person. */
export function contactAt(i: number): Contact {
  const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
  const last = LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]!;
  const company = COMPANIES[(i * 3) % COMPANIES.length]!;
  const local = `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase();
  return {
    name: `${first} ${last}`,
    address: `${local}@${company.domain}`,
    title: TITLES[i % TITLES.length]!,
    company: company.name,
  };
}
export const CONTACT_POOL_SIZE = 160;

export interface Topic {
  subjects: readonly string[];
  sentences: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    subjects: ["Q{n} budget review", "Invoice {ref} is overdue", "Updated forecast for Q{n}", "Expense report for {month}", "Purchase order {ref}", "Payment confirmation {ref}"],
    sentences: [
      "I have attached the latest numbers for your review.",
      "The forecast is about 4% below plan, mostly because of the delayed shipments.",
      "Could you approve the purchase order by Friday?",
      "Finance needs the signed copy before the end of the month.",
      "We moved two line items from marketing into operations.",
      "Let me know if anything in the spreadsheet looks off to you.",
      "The payment was processed this morning and should clear in two business days.",
      "I double-checked the totals against last quarter and they match.",
    ],
  },
  {
    subjects: [
      "Meeting notes: {project} kickoff",
      "Can we move our 1:1 to {weekday}?",
      "Agenda for {weekday}'s planning session",
      "Workshop on {weekday} at {time}",
      "Offsite logistics",
      "Quick sync about {project}?",
    ],
    sentences: [
      "Does {weekday} at {time} still work for everyone?",
      "I booked the small conference room on the third floor.",
      "Here are the notes from today's call, please add anything I missed.",
      "We agreed to revisit the timeline after the design review.",
      "I will send a calendar invite once the room is confirmed.",
      "The dial-in details are the same as last week.",
      "Please bring your laptop, we will walk through the prototype together.",
      "Lunch will be provided, so let me know about any dietary restrictions.",
    ],
  },
  {
    subjects: [
      "{project}: release candidate ready for testing",
      "Bug in the export dialog",
      "Deployment window on {weekday}",
      "Code review for the {project} migration",
      "Incident report: login outage",
      "Performance numbers after the upgrade",
    ],
    sentences: [
      "The release candidate is on the staging server now.",
      "I could reproduce the bug with a fresh profile, steps are below.",
      "Response times dropped from 420 ms to about 180 ms after the upgrade.",
      "We rolled back the change at 14:05 and the error rate returned to normal.",
      "The migration script is idempotent, so we can safely re-run it.",
      "Could you take a look at the pull request before the freeze?",
      "Monitoring shows no regressions since the deploy.",
      "I added a regression test so this does not come back.",
    ],
  },
  {
    subjects: [
      "Welcome to the team, {first}!",
      "Holiday schedule for {month}",
      "Office closed on {weekday}",
      "New parking arrangements",
      "Reminder: submit your timesheets",
      "Team lunch next {weekday}",
    ],
    sentences: [
      "Please update your out-of-office reply if you will be away.",
      "The office will reopen on Monday at 8:30.",
      "We are ordering from the Thai place around the corner.",
      "Your badge will be ready at the front desk on your first day.",
      "Remember to submit your timesheet before noon on Friday.",
      "The new parking passes are valid from the first of the month.",
      "Thanks to everyone who helped with the move last week!",
      "If you have questions, just reply to this email.",
    ],
  },
  {
    subjects: [
      "Proposal for {company}",
      "Contract renewal {ref}",
      "Follow-up on our call",
      "Pricing for the premium plan",
      "Feedback on the pilot",
      "Introduction: {first} from {company}",
    ],
    sentences: [
      "Thank you for taking the time to speak with us yesterday.",
      "I have attached the proposal we discussed, including the revised pricing.",
      "The pilot went well and the team would like to extend it by a month.",
      "Our legal team has a few small comments on section 4 of the contract.",
      "I would be happy to set up a demo for your colleagues.",
      "We can offer a 12% discount for a two-year commitment.",
      "Let me introduce you to my colleague, who leads the integration work.",
      "Looking forward to working together.",
    ],
  },
];

export const GREETINGS = ["Hi {first},", "Hello {first},", "Dear {first},", "Hey {first},", "Good morning {first},"];
export const SIGN_OFFS = ["Best regards,", "Thanks,", "Cheers,", "Kind regards,", "Best,", "Many thanks,"];
export const REPLY_OPENERS = [
  "Thanks for the update.",
  "Sounds good to me.",
  "Great, thank you!",
  "I agree, let's do that.",
  "Sorry for the late reply.",
  "Good point, see my comments below.",
  "That works for me.",
  "Could we discuss this tomorrow?",
];
export const PROJECTS = ["Atlas", "Borealis", "Cobalt", "Dynamo", "Everest", "Falcon", "Granite", "Helios"];
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const TIMES = ["9:00", "10:30", "11:00", "13:30", "14:00", "15:30", "16:00"];
export const UTF8_SUBJECT_EXTRAS = ["🎉", "✅", "📎", "☕", "—", "…", "→"];
export const TIMEZONE_OFFSETS = [0, 60, 120, -300, -240, -420, 330, 540, 600, -180, 480];

export const NEWSLETTERS = [
  {
    from: { name: "Shopping Weekly", address: "news@shop-weekly.example" },
    subjects: ["Your weekly deals are here", "Last chance: 30% off everything", "New arrivals you will love"],
    cdn: "https://cdn.shop-weekly.example",
    tracker: "https://t.shop-weekly.example/open",
  },
  {
    from: { name: "Tech Digest", address: "digest@techdigest.example" },
    subjects: ["This week in tech: 7 stories", "The digest: AI, chips and more", "Your Tuesday briefing"],
    cdn: "https://img.techdigest.example",
    tracker: "https://pixel.techdigest.example/p.gif",
  },
];

/** Phishing-like messages: the link text names one domain, the href points elsewhere. */
export const DECEPTIVE_LINKS = [
  {
    from: { name: "Northbank Security", address: "security@northbank-alerts.example" },
    subject: "Action required: verify your account",
    text: "https://www.northbank.example/account/verify",
    href: "https://northbank-account.verify-login.test/session",
  },
  {
    from: { name: "IT Service Desk", address: "helpdesk@it-support-desk.example" },
    subject: "Your mailbox is almost full",
    text: "https://mail.mailroom.test/quota",
    href: "http://quota-upgrade.mailbox-storage.test/login",
  },
];
