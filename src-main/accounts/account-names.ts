/** `Acme`, `Acme (2)`, `Acme (3)` … — the first name `taken` says is free. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  const name = base.trim().slice(0, 72) || 'Stripe account';
  if (!taken(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken(candidate)) return candidate;
  }
}
