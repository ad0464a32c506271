export function MailroomLogo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 48 48" className={className} aria-hidden="true" focusable="false">
      <rect width="48" height="48" rx="12" className="fill-sky-700" />
      <path d="M11 16.5A2.5 2.5 0 0 1 13.5 14h21a2.5 2.5 0 0 1 2.5 2.5v15a2.5 2.5 0 0 1-2.5 2.5h-21A2.5 2.5 0 0 1 11 31.5z" fill="none" stroke="white" strokeWidth="2.5" />
      <path d="m12 16 12 9 12-9" fill="none" stroke="white" strokeWidth="2.5" strokeLinejoin="round" />
    </svg>
  );
}
