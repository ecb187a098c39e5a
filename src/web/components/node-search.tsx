/**
 * Find an entity or asset by name: a text field that suggests matches as one types (name, id or
 * alias, accents and case ignored), chosen with a click or the arrow keys and Enter. A combobox
 * in the ARIA sense, so a screen reader announces the suggestions.
 */
import { type ReactNode, useId, useMemo, useState } from "react";

export interface SearchNode {
  id: string;
  name: string;
  /** What it is, shown after the name: "mine, CD", "company, CN". */
  detail: string;
  aliases?: readonly string[];
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** The nodes matching `query`: names starting with it first, then names and ids containing it. */
export function matchesOf(nodes: readonly SearchNode[], query: string, max = 8): SearchNode[] {
  const q = fold(query.trim());
  if (!q) return [];
  const scored: [number, SearchNode][] = [];
  for (const n of nodes) {
    const name = fold(n.name);
    const texts = [name, fold(n.id), ...(n.aliases ?? []).map(fold)];
    const score = name.startsWith(q)
      ? 0
      : name.split(/[\s(,-]+/).some((w) => w.startsWith(q))
        ? 1
        : texts.some((t) => t.includes(q))
          ? 2
          : -1;
    if (score >= 0) scored.push([score, n]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, max)
    .map((x) => x[1]);
}

export function NodeSearch(props: {
  label: string;
  nodes: readonly SearchNode[];
  onPick: (id: string) => void;
  placeholder?: string;
  /** The chosen node's name, shown until the user types (for "from" and "to" fields). */
  value?: string;
  testId?: string;
}): ReactNode {
  const id = useId();
  const listId = useId();
  const [text, setText] = useState<string>();
  const [active, setActive] = useState(0);
  const shown = text ?? props.value ?? "";
  const found = useMemo(() => (text ? matchesOf(props.nodes, text) : []), [props.nodes, text]);
  const open = found.length > 0;
  const pick = (n: SearchNode | undefined) => {
    if (!n) return;
    setText(undefined);
    setActive(0);
    props.onPick(n.id);
  };
  return (
    <span className="node-search" data-testid={props.testId}>
      <label htmlFor={id}>{props.label}</label>
      <span className="node-search-box">
        <input
          id={id}
          type="search"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          placeholder={props.placeholder ?? "type a name"}
          value={shown}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (!open) return;
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => Math.min(found.length - 1, a + 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === "Enter") {
              e.preventDefault();
              pick(found[active]);
            } else if (e.key === "Escape") setText(undefined);
          }}
          onBlur={() => setTimeout(() => setText(undefined), 200)}
        />
        <div id={listId} role="listbox" className="suggestions" hidden={!open}>
          {found.map((n, i) => (
            <div
              key={n.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(n)}
              onKeyDown={(e) => e.key === "Enter" && pick(n)}
              data-node={n.id}
            >
              {n.name} <span className="muted">({n.detail})</span>
            </div>
          ))}
        </div>
      </span>
    </span>
  );
}
