"use client";

import { useEffect, useId, useRef, useState } from "react";

interface Suggestion {
  address: string;
  name: string;
}

function formatSuggestion(suggestion: Suggestion): string {
  if (!suggestion.name) return suggestion.address;
  const name = /[",;<>@()[\]:\\]/.test(suggestion.name) ? `"${suggestion.name.replace(/["\\]/g, "\\$&")}"` : suggestion.name;
  return `${name} <${suggestion.address}>`;
}

/** The part of the field being typed: after the last comma. */
function currentToken(value: string): string {
  return value.slice(value.lastIndexOf(",") + 1).trim();
}

/**
 * An address field (comma-separated) with autocomplete from the user's contacts, following the
 * ARIA combobox pattern: arrow keys move through the listbox, Enter or a click picks, Escape closes.
 */
export function RecipientField({
  label,
  value,
  onChange,
  error,
  disabled,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useRef("");

  useEffect(() => {
    const token = currentToken(value);
    query.current = token;
    if (token.length < 1 || token.includes("<")) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/contacts?q=${encodeURIComponent(token)}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ contacts: Suggestion[] }>) : { contacts: [] }))
        .then((body) => {
          if (query.current !== token) return;
          setSuggestions(body.contacts);
          setActive(-1);
        })
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  const expanded = open && suggestions.length > 0;

  function choose(suggestion: Suggestion) {
    const head = value.slice(0, value.lastIndexOf(",") + 1);
    onChange(`${head}${head ? " " : ""}${formatSuggestion(suggestion)}, `);
    setOpen(false);
    setSuggestions([]);
  }

  return (
    <div className="relative flex items-start gap-3 border-b border-slate-200 py-1.5">
      <label htmlFor={id} className="w-16 shrink-0 pt-1.5 text-sm text-slate-600">
        {label}
      </label>
      <div className="min-w-0 flex-1">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          autoComplete="off"
          autoFocus={autoFocus}
          disabled={disabled}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={(event) => {
            if (!expanded) return;
            if (event.key === "ArrowDown") {
              event.preventDefault();
              setActive((index) => (index + 1) % suggestions.length);
            } else if (event.key === "ArrowUp") {
              event.preventDefault();
              setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
            } else if (event.key === "Enter" && active >= 0) {
              event.preventDefault();
              const picked = suggestions[active];
              if (picked) choose(picked);
            } else if (event.key === "Escape") {
              setOpen(false);
            }
          }}
          className="w-full rounded-md px-2 py-1.5 text-sm outline-none focus:ring-2 focus:ring-sky-500"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`Suggestions for ${label}`}
          hidden={!expanded}
          className="absolute z-20 mt-1 w-96 max-w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
        >
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestion.address}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(suggestion);
              }}
              className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-sky-100" : "hover:bg-slate-50"}`}
            >
              {suggestion.name ? <span className="font-medium">{suggestion.name} </span> : null}
              <span className="text-slate-600">{suggestion.address}</span>
            </li>
          ))}
        </ul>
        {error ? (
          <p id={`${id}-error`} className="px-2 pt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
