import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { TeamsConfig } from '../config/config';
import type { Logger } from '../core/ports';

/**
 * The Bot Framework adapter: checks each request's JWT against the bot registration (or, in open mode,
 * nothing) and sends replies to the conversation's serviceUrl. A failing turn gets a short apology, and
 * the cause goes to the log; nothing crashes the process.
 */
/** Where the bot's own outbound tokens come from: Microsoft Entra by default; tests bring their own. */
export type TeamsCredentialsFactory = ConstructorParameters<
  typeof ConfigurationBotFrameworkAuthentication
>[1];

/**
 * CloudAdapter.process() answers a refused request by printing the error and its stack to the console
 * (outside the redacting logger) and sending its text as the body. The bot calls processActivity itself
 * instead, and says what happened in its own words and its own log.
 */
export class TeamsAdapter extends CloudAdapter {
  answer(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createTeamsAdapter(
  config: TeamsConfig,
  logger: Logger,
  credentialsFactory?: TeamsCredentialsFactory,
): TeamsAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword,
      MicrosoftAppType: config.appType,
      MicrosoftAppTenantId: config.tenantId,
      // The keys Bot Framework signs its tokens with; a token's serviceurl claim must match the activity's.
      // Naming one endpoint makes botbuilder expect them all, so the rest are the public cloud's own.
      ...(config.openIdMetadataUrl
        ? {
            ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl,
            ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
            ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
            ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
            ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
            OAuthUrl: AuthenticationConstants.OAuthUrl,
            CallerId: CallerIdConstants.PublicAzureChannel,
          }
        : {}),
    },
    credentialsFactory,
  );
  const adapter = new TeamsAdapter(auth);
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
