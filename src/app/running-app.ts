import type { AlertPoller } from '../alerts/alert-poller';
import type { AlertService } from '../alerts/alert-service';
import type { DigestService } from '../digest/digest-service';
import type { Metrics } from '../observability/metrics';
import type { RegisteredPlatform } from '../platforms/registry';
import type { DigestScheduler } from '../scheduling/digest-scheduler';
import type { SlackApp } from '../slack/slack-app';
import type { Database } from '../storage/open-database';
import type { TeamsApp, TeamsCredentialsFactory } from '../teams/teams-app';
import type { VeeamSimulator } from '../veeam/simulator/simulator-server';
import type { VeeamClient } from '../veeam/veeam-client';

/** What startApp gives back: the running bot, and what specs and the CLI reach of it. */
export type RunningApp = {
  url: string;
  veeam: VeeamClient;
  simulator: VeeamSimulator | null;
  slack: SlackApp | null;
  teams: TeamsApp | null;
  database: Database;
  digests: DigestService;
  scheduler: DigestScheduler;
  alerts: AlertService;
  alertPoller: AlertPoller;
  metrics: Metrics;
  close: () => Promise<void>;
};

/** What specs change of a start: the clock, the waits, the test doubles. */
export type StartOptions = {
  /** Tests shorten the wait before "Looking up…" is shown, and how long a Teams button may take. */
  placeholderAfterMs?: number;
  invokeBudgetMs?: number;
  /** Tests set the clock the scheduler and the answers read, tick the scheduler, shorten its retries. */
  now?: () => Date;
  startScheduler?: boolean;
  /** Tests poll the appliance for alerts themselves (alertPoller.pollOnce) with the poller stopped. */
  startAlertPoller?: boolean;
  digestRetryDelaysMs?: number[];
  /** Tests stand in for Microsoft Entra, which issues the bot's outbound Teams tokens. */
  teamsCredentials?: TeamsCredentialsFactory;
  /** The platforms to start when configured; PLATFORMS (src/platforms/registry.ts) unless a spec adds one. */
  platforms?: readonly RegisteredPlatform[];
};
