// DOM helpers: every value from the chain or a contract is inserted as text, never as HTML.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function table(testid: string, head: string[], rows: Child[][], empty: string): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty", "data-testid": testid }, empty);
  return h(
    "table",
    { "data-testid": testid },
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

export function field(label: string | HTMLElement, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", {}, label), input);
}

export function input(testid: string, placeholder: string): HTMLInputElement {
  return h("input", { "data-testid": testid, placeholder, autocomplete: "off", spellcheck: "false" }) as HTMLInputElement;
}

export function select(testid: string, options: [string, string][]): HTMLSelectElement {
  return h("select", { "data-testid": testid }, ...options.map(([v, l]) => h("option", { value: v }, l))) as HTMLSelectElement;
}

export function button(testid: string, label: string, onclick: () => void): HTMLButtonElement {
  return h("button", { "data-testid": testid, onclick }, label) as HTMLButtonElement;
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, h("h3", {}, title), ...children);
}

// countdown: "1m 05s" to a time, "done" once passed.
export function countdown(to: Date, now = Date.now()): string {
  let s = Math.ceil((to.getTime() - now) / 1000);
  if (s <= 0) return "done";
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${hh}h ${pad(m)}m`;
  if (hh > 0) return `${hh}h ${pad(m)}m ${pad(s)}s`;
  return `${m}m ${pad(s)}s`;
}

// sparkline: a small SVG chart of values in order (the exchange rate over the blocks seen).
export function sparkline(testid: string, points: number[]): SVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 300 60");
  svg.setAttribute("class", "chart");
  svg.setAttribute("data-testid", testid);
  if (points.length >= 2) {
    const lo = Math.min(...points);
    const hi = Math.max(...points);
    const span = hi - lo || 1;
    const xy = points.map((p, i) => `${((i / (points.length - 1)) * 296 + 2).toFixed(1)},${(56 - ((p - lo) / span) * 52).toFixed(1)}`);
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", xy.join(" "));
    svg.append(line);
  }
  return svg;
}
