import { ConfigError } from '../config/config';
import { readEnvironment } from '../config/environment';
import { BotError } from '../core/errors';
import type { Io } from './cli-io';
import { list, parse, serve, simulator, teamsPackage } from './commands';

const HELP = `sessions-bot: ask Veeam Backup for Microsoft Azure "what ran, what failed?"

Usage:
  sessions-bot serve                         start the bot (HTTP on PORT, default 3978)
  sessions-bot parse [--now ISO] [--tz IANA] [--locale en-US] [--api-version v8.1] TEXT...
                                             print the filters TEXT means, as JSON
  sessions-bot parse --batch                 JSON lines {"text","now","tz","locale"} on stdin → one result per line
  sessions-bot list [--tz IANA] [--now ISO] [--page N] TEXT...
                                             run the query and print a table
  sessions-bot ask [--tz IANA] [--now ISO] TEXT...
                                             the same conversation as the chat: a list, or an answer
                                             such as "why did Prod VMs fail", printed as text
  sessions-bot simulator [--port N]          run the Veeam API simulator alone
  sessions-bot teams-package [--app-id GUID] [--domain HOST]... [--version X.Y.Z] [--out FILE]
                                             build the Teams app package (app id defaults to
                                             MICROSOFT_APP_ID; out defaults to dist/sessions-bot-teams.zip)

Configuration comes from the environment (see .env.example). With VEEAM_URL unset, the embedded
simulator stands in for the appliance.`;

async function runCli(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(env, io);
      case 'parse':
        return await parse(rest, env, io);
      // One conversation: `ask` is `list` by the name a question reads better with.
      case 'list':
      case 'ask':
        return await list(rest, env, io);
      case 'simulator':
        return await simulator(rest, io);
      case 'teams-package':
        return teamsPackage(rest, env, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof BotError) {
      io.err(error.userMessage);
      return 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
}

/** Entry point of bin/sessions-bot. */
export function main(): void {
  runCli(process.argv.slice(2), readEnvironment(), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    stdin: process.stdin,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `sessions-bot failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
