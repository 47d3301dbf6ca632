/** Where the bot keeps its state, read from DATABASE_URL. */
export type DatabaseLocation =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'postgres';
      url: string;
      /** Tests isolate themselves in a schema of their own. */
      schema?: string;
    };

/** `sqlite:./data/bot.db`, `./data/bot.db`, `:memory:` or `postgres://…`. */
export function parseDatabaseUrl(url: string): DatabaseLocation | null {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^sqlite:/i.test(url)) return null;
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  return path === '' ? null : { kind: 'sqlite', path };
}
