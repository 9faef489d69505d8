import { ConsoleError } from '../../src-preload/contract';

/** The team database as Settings keeps it: its address without the password (that lives in the keychain only). */
export interface TeamDatabase {
  /** postgresql://role@host:port/database?sslmode=… — never a password. */
  url: string;
  /** A password typed into the address itself, taken out of it (it goes to the keychain like the other). */
  embeddedPassword: string | null;
}

/** Query parameters a console may set; anything else (e.g. `password=`) is refused rather than stored. */
const ALLOWED_PARAMS = new Set(['sslmode', 'host', 'port', 'application_name', 'connect_timeout']);

const invalid = (message: string) => new ConsoleError('invalid_input', message, { details: { field: 'databaseUrl' } });

/** Checks an address an operator typed and splits its password off; a clear error says what is wrong. */
export function parseTeamDatabase(input: string): TeamDatabase {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    throw invalid('That is not a database address. It looks like postgresql://role@host:5432/database.');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:')
    throw invalid('The team database is PostgreSQL: the address starts with postgresql://');
  if (!parsed.username) throw invalid('Put the role to sign in as before the host: postgresql://role@host/database');
  if (!parsed.hostname && !parsed.searchParams.get('host')) throw invalid('The address has no host.');
  if (parsed.pathname.length <= 1)
    throw invalid('Put the database name after the host: postgresql://role@host/database');
  for (const name of parsed.searchParams.keys())
    if (!ALLOWED_PARAMS.has(name)) throw invalid(`The address option “${name}” isn’t supported here.`);
  const embeddedPassword = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { url: parsed.toString(), embeddedPassword };
}

/** The address with its password, in main-process memory only (the pool's connection string). */
export function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export type TeamFailure = 'refused' | 'unreachable' | 'not_allowed';

/** What a PostgreSQL failure means to an operator: wrong role or password, a server out of reach, or no grant. */
export function classifyFailure(err: unknown): TeamFailure {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === '28P01' || code === '28000' || code === '3D000') return 'refused';
  if (code === '42501') return 'not_allowed';
  return 'unreachable';
}

/** Plain words for a failure; never the address or the password. */
export function describeFailure(failure: TeamFailure, err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (failure === 'refused')
    return code === '3D000'
      ? 'The team database doesn’t exist on that server. Check the name after the host.'
      : 'The team database refused this role or its password. Check both with whoever runs the team sync.';
  if (failure === 'not_allowed')
    return 'This role can’t read the team’s data. Ask for it to be granted stripe_console_reader (or stripe_console_agent).';
  return `The team database can’t be reached (${code ?? 'no answer'}). The copy on this computer stays readable.`;
}
