import { KNOWN_CAUSES, knownCausesOf } from '../../../src/core/why/known-causes';

/**
 * Which log lines get a documented cause. The lines are worded as Veeam's pages word the failure, or as
 * Azure's own errors read (AuthorizationFailed is Azure Resource Manager's code); lines that merely sound
 * alarming get none, since a hint that does not fit sends the operator the wrong way at 3 a.m.
 */
const DOC = (page: string) => `https://helpcenter.veeam.com/docs/vbazure/guide/${page}.html`;

describe('known causes of a failure', () => {
  it.each([
    [
      'Failed to create snapshot of disk osdisk-1: the operation failed with a serialization error',
      'how_vm_backup_works',
    ],
    ['Cannot tag snapshot: subscription tag limit reached', 'how_vm_backup_works'],
    [
      "The client 'app-id' does not have authorization to perform action 'Microsoft.Compute/snapshots/write' (AuthorizationFailed)",
      'service_account_check',
    ],
    [
      'Failed to back up web-01: disk osdisk is encrypted with a key the service account cannot read',
      'service_account_check',
    ],
    ['Access denied to storage account backupsprod', 'service_account_check'],
    [
      'Failed to create share snapshot: the maximum of 200 snapshots for share finance was reached',
      'fs_backup_pne',
    ],
    [
      'Application-aware processing of sql-01 failed; a crash-consistent snapshot was taken instead',
      'guest_processing',
    ],
  ])('%s → %s', (line, page) => {
    expect(knownCausesOf([line]).map((c) => c.url)).toEqual([DOC(page)]);
  });

  it.each([
    'Failed to process VM app-02: the VM agent is not responding',
    'Failed to create snapshot of disk d1: Azure API returned 409 Conflict (OperationNotAllowed)',
    'Timed out waiting for snapshot of db-01 to complete (60 min)',
    'Processed 14 VMs',
    'Failed to copy data to repository: the storage account key has expired',
  ])('gives no hint for "%s"', (line) => {
    expect(knownCausesOf([line])).toEqual([]);
  });

  it('names each cause once, in the order of the lines, two at most', () => {
    const lines = [
      'Application-aware processing of a failed',
      'Access denied to vault',
      'Access denied to vault again',
      'serialization error',
    ];
    expect(knownCausesOf(lines).map((c) => c.url)).toEqual([
      DOC('guest_processing'),
      DOC('service_account_check'),
    ]);
  });

  it('cites a Veeam page for every cause', () => {
    for (const cause of KNOWN_CAUSES)
      expect(cause.url).toMatch(/^https:\/\/helpcenter\.veeam\.com\/docs\/vbazure\//);
  });
});
