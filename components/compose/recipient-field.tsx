"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { commitTyping, joinRecipients, recipientAddresses, splitRecipients } from "./recipient-list";

interface Suggestion {
  address: string;
  name: string;
}

function formatSuggestion(suggestion: Suggestion): string {
  if (!suggestion.name) return suggestion.address;
  const name = /[",;<>@()[\]:\\]/.test(suggestion.name) ? `"${suggestion.name.replace(/["\\]/g, "\\$&")}"` : suggestion.name;
  return `${name} <${suggestion.address}>`;
}

/**
 * An address field: each recipient a chip with its own Remove button, then a text box with
 * autocomplete from the user's contacts (the ARIA combobox pattern: arrow keys move through the
 * listbox, Escape closes it). Enter never sends: it takes the highlighted suggestion, or turns what
 * was typed into a chip, as a comma, a semicolon or leaving the field do.
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
  /** Comma-separated, as the header has it; what is still being typed comes last. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const t = useTranslations("compose");
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const { entries, typing } = splitRecipients(value);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useRef("");
  const input = useRef<HTMLInputElement>(null);

  const token = typing.trim();
  useEffect(() => {
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
  }, [token]);

  const expanded = open && suggestions.length > 0;

  function close() {
    setOpen(false);
    setSuggestions([]);
  }

  function choose(suggestion: Suggestion) {
    onChange(joinRecipients({ entries: [...entries, formatSuggestion(suggestion)], typing: "" }));
    close();
  }

  function commit() {
    const next = commitTyping(value);
    if (next !== value) onChange(next);
    close();
  }

  function remove(index: number) {
    onChange(joinRecipients({ entries: entries.filter((_, position) => position !== index), typing }));
    input.current?.focus();
  }

  return (
    <div className="relative flex items-start gap-3 border-b border-slate-200 py-1.5">
      <label htmlFor={id} className="w-16 shrink-0 pt-1.5 text-sm text-slate-600">
        {label}
      </label>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-1">
          {entries.length > 0 ? (
            <ul aria-label={t("recipients.list", { label })} className="flex flex-wrap gap-1">
              {entries.map((entry, index) => {
                const valid = recipientAddresses(entry).length > 0;
                return (
                  <li
                    key={`${index}-${entry}`}
                    className={`flex items-center gap-1 rounded-full py-0.5 pr-1 pl-2.5 text-sm ${valid ? "bg-slate-100 text-slate-800" : "bg-red-50 text-red-800 ring-1 ring-red-300"}`}
                  >
                    <span>{entry}</span>
                    {valid ? null : <span className="sr-only">{t("recipients.invalid")}</span>}
                    <button
                      type="button"
                      aria-label={t("remove", { name: entry })}
                      disabled={disabled}
                      onClick={() => remove(index)}
                      className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
                    >
                      ✕
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <input
            ref={input}
            id={id}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            autoComplete="off"
            autoFocus={autoFocus}
            disabled={disabled}
            value={typing}
            onChange={(event) => {
              onChange(joinRecipients({ entries, typing: event.target.value }));
              setOpen(true);
            }}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                // Never submits the form: Enter picks or makes a recipient.
                event.preventDefault();
                const picked = expanded && active >= 0 ? suggestions[active] : undefined;
                if (picked) choose(picked);
                else commit();
              } else if (event.key === "Backspace" && typing === "" && entries.length > 0) {
                event.preventDefault();
                onChange(joinRecipients({ entries: entries.slice(0, -1), typing: "" }));
              } else if (expanded && event.key === "ArrowDown") {
                event.preventDefault();
                setActive((index) => (index + 1) % suggestions.length);
              } else if (expanded && event.key === "ArrowUp") {
                event.preventDefault();
                setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
              } else if (expanded && event.key === "Escape") {
                event.stopPropagation();
                setOpen(false);
              }
            }}
            className="min-w-40 flex-1 rounded-md px-2 py-1.5 text-sm outline-none focus:ring-2 focus:ring-sky-500"
          />
        </div>
        <ul
          id={listId}
          role="listbox"
          aria-label={t("recipients.suggestions", { label })}
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
          <p id={errorId} className="px-2 pt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
