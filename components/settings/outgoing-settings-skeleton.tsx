export function OutgoingSettingsSkeleton() {
  return (
    <div aria-hidden="true" className="mt-6 animate-pulse space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <div className="h-4 w-1/3 rounded bg-slate-200" />
      <div className="h-9 rounded bg-slate-100" />
      <div className="h-9 rounded bg-slate-100" />
      <div className="h-9 w-1/2 rounded bg-slate-100" />
    </div>
  );
}
