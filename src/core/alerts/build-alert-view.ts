import { DateTime } from 'luxon';
import type { Session } from '../sessions/session';
import { describeStatus } from '../view/describe-query';
import { formatDuration, formatLocalTime, ordinal } from '../view/human-time';
import type { ButtonTokens } from '../view/page-token';
import type { AlertOp, AlertView, NoticeView } from '../view/sessions-view';
import type { AlertIncident } from './alert-incident';

export type AlertViewContext = {
  now: Date;
  timeZone: string;
  /** Until when the policy is snoozed in this channel, and by whom; null when it is not. */
  snooze: { untilMs: number; by: string } | null;
  tokens: ButtonTokens;
  veeamUrl: string | null;
};

const SNOOZES: { op: AlertOp; label: string }[] = [
  { op: 'snooze-1h', label: 'Snooze 1 h' },
  { op: 'snooze-24h', label: 'Snooze 24 h' },
  { op: 'snooze-1w', label: 'Snooze 1 week' },
];

function when(iso: string, context: AlertViewContext): string {
  return formatLocalTime(iso, context.timeZone, DateTime.fromJSDate(context.now));
}

/**
 * The top-level alert of an incident, as it stands: what failed, since when, how often, the reason, who
 * is on it, whether it is snoozed, and the buttons. Built again whenever the incident changes, so every
 * update says the whole story.
 */
export function buildAlertView(
  incident: AlertIncident,
  latest: Session | null,
  context: AlertViewContext,
): AlertView {
  const recovered = incident.state === 'recovered';
  const status = describeStatus(incident.lastStatus);
  const warned = status.tone === 'warning';
  const noun = warned ? 'Warning' : 'Failed';
  const title = `${recovered ? 'Recovered' : noun}: ${incident.subjectName}`;
  const times = incident.failures === 1 ? 'once' : `${incident.failures} times in a row`;
  const headline = recovered
    ? `Recovered at ${when(incident.recoveredAt ?? incident.lastFailedAt, context)}, after ${warned ? 'warning' : 'failing'} ${times} since ${when(incident.firstFailedAt, context)} (${formatDuration(Date.parse(incident.recoveredAt ?? incident.lastFailedAt) - Date.parse(incident.firstFailedAt))}).`
    : incident.failures === 1
      ? `${warned ? 'Finished with warnings' : 'Failed'} at ${when(incident.lastFailedAt, context)}.`
      : `${warned ? 'Warned' : 'Failed'} ${times} since ${when(incident.firstFailedAt, context)}; the latest at ${when(incident.lastFailedAt, context)}.`;
  const fields = [
    { label: 'Status', value: status.label },
    ...(latest
      ? [
          { label: 'Type', value: latest.typeLabel },
          { label: 'Started', value: latest.startTime ? when(latest.startTime, context) : '—' },
          {
            label: 'Ran for',
            value:
              latest.durationMs !== null
                ? formatDuration(latest.durationMs)
                : latest.startTime
                  ? `${formatDuration(context.now.getTime() - Date.parse(latest.startTime))}, still running`
                  : '—',
          },
        ]
      : []),
    {
      label: recovered ? 'Failures before it recovered' : 'Failures in a row',
      value: String(incident.failures),
    },
  ];
  const button = (op: AlertOp, label: string) => ({
    op,
    label,
    token: context.tokens.encodeAlert({ incidentId: incident.id, op }),
  });
  const buttons = recovered
    ? [button('details', 'Details')]
    : [
        ...(incident.owner ? [] : [button('own', "I'm on it")]),
        ...(context.snooze ? [button('unsnooze', 'Unsnooze')] : SNOOZES.map((s) => button(s.op, s.label))),
        button('details', 'Details'),
        button('why', 'Why?'),
      ];
  return {
    kind: 'alert',
    title,
    tone: recovered ? 'success' : status.tone,
    headline,
    fields,
    reason: incident.lastReason,
    owner: incident.owner,
    snoozedText: context.snooze
      ? `Snoozed until ${when(new Date(context.snooze.untilMs).toISOString(), context)} by ${context.snooze.by}: no new alerts for ${incident.subjectName} here until then.`
      : null,
    buttons,
    timeZone: context.timeZone,
    veeamUrl: context.veeamUrl,
  };
}

/** The thread reply for another failure of a failing policy. */
export function buildFailedAgainView(
  incident: AlertIncident,
  latest: Session | null,
  context: AlertViewContext,
): NoticeView {
  const status = describeStatus(incident.lastStatus);
  const ran = latest?.durationMs != null ? ` after ${formatDuration(latest.durationMs)}` : '';
  return {
    kind: 'notice',
    title: `${status.tone === 'warning' ? 'Warning' : 'Failed'} again: ${incident.subjectName}`,
    text: [
      `${status.label} at ${when(incident.lastFailedAt, context)}${ran}: the ${ordinal(incident.failures)} in a row.`,
      ...(incident.lastReason ? [`Reason: ${incident.lastReason}`] : []),
    ].join('\n'),
  };
}

/** The thread reply when a failing policy succeeds again. */
export function buildRecoveredView(incident: AlertIncident, context: AlertViewContext): NoticeView {
  const at = incident.recoveredAt ?? context.now.toISOString();
  return {
    kind: 'notice',
    title: `Recovered: ${incident.subjectName}`,
    text: `${incident.subjectName} recovered: it succeeded at ${when(at, context)}, after failing for ${formatDuration(Date.parse(at) - Date.parse(incident.firstFailedAt))} (${incident.failures} ${incident.failures === 1 ? 'failure' : 'failures in a row'}).`,
  };
}
