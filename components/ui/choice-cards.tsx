"use client";

/** One choice of a ChoiceCards group. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
  /** The language the label is written in, when it is not the page's (a language's own name). */
  lang?: string;
}

/** A group of radio buttons drawn as cards, each with a label and an optional hint, under a legend. */
export function ChoiceCards<T extends string>({
  legend,
  name,
  choices,
  value,
  disabled,
  onChange,
}: {
  legend: string;
  name: string;
  choices: Choice<T>[];
  value: T;
  disabled: boolean;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {choices.map((choice) => (
          <label
            key={choice.value}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 has-checked:border-sky-600 has-checked:bg-sky-50"
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              disabled={disabled}
              onChange={() => onChange(choice.value)}
              className="mt-1 h-4 w-4 accent-sky-700"
            />
            <span>
              <span className="block font-medium text-slate-900" lang={choice.lang}>
                {choice.label}
              </span>
              {choice.hint ? <span className="block text-sm text-slate-600">{choice.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
