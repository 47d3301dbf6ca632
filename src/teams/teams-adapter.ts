import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { TeamsConfig } from '../config/config';
import type { Logger } from '../core/ports';

/**
 * The Bot Framework adapter: checks each request's JWT against the bot registration (or, in open mode,
 * nothing) and sends replies to the conversation's serviceUrl. A failing turn gets a short apology, and
 * the cause goes to the log; nothing crashes the process.
 */
export function createTeamsAdapter(config: TeamsConfig, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('Teams turn failed', { error, activityType: context.activity.type });
    try {
      await context.sendActivity('Sorry, something went wrong on my side. The details are in the bot log.');
    } catch (sendError) {
      logger.error('Could not send the apology to Teams', { error: sendError });
    }
  };
  return adapter;
}
