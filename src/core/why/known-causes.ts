/**
 * Causes Veeam documents for what a failed session's log says: a pattern of the log text, one line of what
 * the documentation says about it, and the page that says so. Only what a public Veeam page states is
 * here, each with its source; a log that matches none gets no hint, never a guess.
 */
export type KnownCause = {
  /** What the log line says; matched case-insensitively against error and warning lines. */
  pattern: RegExp;
  /** One line: what Veeam documents about it, and what to check. */
  hint: string;
  /** The page that documents it, and its name for the button. */
  url: string;
  source: string;
};

export const KNOWN_CAUSES: readonly KnownCause[] = [
  {
    // "Due to Microsoft Azure limitations, you can apply up to 50 tags directly to a subscription ... If the
    // limit is reached, the operation will fail with a serialization error."
    // https://helpcenter.veeam.com/docs/vbazure/guide/how_vm_backup_works.html
    pattern: /serializ|tag limit|too many tags|maximum number of tags/i,
    hint: 'Veeam creates a snapshot only while the VM’s Azure subscription has fewer than 50 tags; at the limit the snapshot fails with a serialization error. Check the tag count of the subscription.',
    url: 'https://helpcenter.veeam.com/docs/vbazure/guide/how_vm_backup_works.html',
    source: 'Veeam: how VM backup works',
  },
  {
    // "For each service account, you can check whether the account has all the permissions required ...
    // If any of the permission checks fail, you must assign the missing permissions to the account."
    // https://helpcenter.veeam.com/docs/vbazure/guide/service_account_check.html
    pattern:
      /AuthorizationFailed|does not have authori[sz]ation|not authori[sz]ed|permission|access denied|forbidden|service account cannot|insufficient privileges/i,
    hint: 'The service account seems to lack a permission: Configuration > Accounts > Service Accounts > Check Permissions lists what is missing and can grant it.',
    url: 'https://helpcenter.veeam.com/docs/vbazure/guide/service_account_check.html',
    source: 'Veeam: checking service account permissions',
  },
  {
    // "Due to Microsoft Azure limitations, the maximum number of snapshots to keep for one file share is 200."
    // https://helpcenter.veeam.com/docs/vbazure/guide/fs_backup_pne.html
    pattern: /share snapshot.*(?:limit|maximum|exceed)|(?:limit|maximum).*share snapshots?|200 snapshots/i,
    hint: 'Azure keeps at most 200 snapshots of one file share; lower the policy’s snapshot retention or remove old share snapshots.',
    url: 'https://helpcenter.veeam.com/docs/vbazure/guide/fs_backup_pne.html',
    source: 'Veeam: Azure Files backup',
  },
  {
    // "Application-aware processing ... can be applied only to the Windows-based Azure VMs that support
    // Microsoft VSS"; guest scripting serves the others.
    // https://helpcenter.veeam.com/docs/vbazure/guide/guest_processing.html
    pattern: /application-aware processing.*fail|VSS/i,
    hint: 'Application-aware processing works only on Windows VMs running VSS-aware applications; for other VMs the policy can run pre- and post-snapshot scripts instead.',
    url: 'https://helpcenter.veeam.com/docs/vbazure/guide/guest_processing.html',
    source: 'Veeam: guest processing settings',
  },
];

/** Hints shown at most: a log that matches more says the first ones, in the order of its lines. */
const MAX_HINTS = 2;

/** The documented causes the lines match, each once, in the order the lines name them. */
export function knownCausesOf(messages: readonly string[]): KnownCause[] {
  const found: KnownCause[] = [];
  for (const message of messages)
    for (const cause of KNOWN_CAUSES)
      if (!found.includes(cause) && cause.pattern.test(message)) found.push(cause);
  return found.slice(0, MAX_HINTS);
}
