import { main } from './main';

// The one entry of a run: bin/sessions-bot loads it through tsx; the compiled build runs dist/cli/bin.js.
main();
