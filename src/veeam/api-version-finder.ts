import type { Logger } from '../core/ports';
import { API_VERSIONS, type ApiVersion, versionBeforeAsking } from '../core/sessions/api-version';
import { type ApiVersionRecord, apiVersionRecord } from './api-versions';
import { VeeamError } from './veeam-errors';

/** Newest first: the version to prefer when several are served. */
const NEWEST_FIRST_VERSIONS = [...API_VERSIONS].reverse();

export type VersionFinderOptions = {
  /** `auto`: the newest version the appliance serves, found at the first call. */
  setting: ApiVersion | 'auto';
  /**
   * Asks the appliance for one cheap page of `/api/<version>/jobSessions`: resolves when it answers,
   * rejects with a 404 VeeamError when the version is not served, with any other error otherwise.
   */
  probe: (version: ApiVersion) => Promise<void>;
  logger?: Logger | undefined;
};

/**
 * Which API version the client speaks: the configured one, or with `auto` the newest the appliance serves,
 * found once and again after the version tree answers 404 (an upgrade). A configured version the appliance
 * does not serve is an error that names VEEAM_API_VERSION and the versions it does serve.
 */
export class ApiVersionFinder {
  private found: ApiVersionRecord | null;
  private finding: Promise<ApiVersionRecord> | null = null;

  constructor(private readonly options: VersionFinderOptions) {
    this.found = options.setting === 'auto' ? null : apiVersionRecord(options.setting);
  }

  /** The version in use, or the one questions are read with until the appliance has been asked. */
  get current(): ApiVersion {
    return this.found?.version ?? versionBeforeAsking(this.options.setting);
  }

  /** With `auto`, asks the appliance which version it serves (once; again after a failure). */
  async record(): Promise<ApiVersionRecord> {
    if (this.found) return this.found;
    if (!this.finding) {
      this.finding = this.find().finally(() => {
        this.finding = null;
      });
    }
    return this.finding;
  }

  /**
   * Runs a call on the version tree. A 404 on a whole collection means the tree is gone (an upgrade, a
   * wrong setting), not a missing item: with `auto` the version is found again and the call made once
   * more; with a configured version the error names the setting and what the appliance does serve.
   */
  async onVersionTree<T>(call: (record: ApiVersionRecord) => Promise<T>): Promise<T> {
    const record = await this.record();
    try {
      return await call(record);
    } catch (error) {
      if (!(error instanceof VeeamError && error.httpStatus === 404)) throw error;
      if (this.options.setting === 'auto') {
        this.options.logger?.warn('The Veeam API version in use answers 404: finding the version again', {
          apiVersion: record.version,
        });
        this.found = null;
        return call(await this.record());
      }
      const served = await this.served(false);
      this.options.logger?.error('The configured Veeam API version is not served', {
        apiVersion: record.version,
        served,
      });
      if (served.length === 0) throw noVersionServed();
      throw new VeeamError('VEEAM_API_VERSION', {
        httpStatus: 404,
        message: `The Veeam appliance does not serve API ${record.version} (VEEAM_API_VERSION=${record.version}); it serves ${served.join(', ')}. Set VEEAM_API_VERSION=auto or to ${served[0]}.`,
      });
    }
  }

  private async find(): Promise<ApiVersionRecord> {
    const version = (await this.served(true))[0];
    if (!version) throw noVersionServed();
    this.found = apiVersionRecord(version);
    this.options.logger?.info('Found the Veeam API version the appliance serves', { apiVersion: version });
    return this.found;
  }

  /** Versions that answer `/jobSessions`, newest first; with `first`, stops at the first one. */
  private async served(first: boolean): Promise<ApiVersion[]> {
    const served: ApiVersion[] = [];
    for (const version of NEWEST_FIRST_VERSIONS) {
      try {
        await this.options.probe(version);
        served.push(version);
        if (first) break;
      } catch (error) {
        if (!(error instanceof VeeamError && error.httpStatus === 404)) throw error;
      }
    }
    return served;
  }
}

function noVersionServed(): VeeamError {
  return new VeeamError('VEEAM_API_VERSION', {
    message: `The Veeam appliance at VEEAM_URL serves none of the API versions the bot knows (${API_VERSIONS.join(', ')}): every /api/<version>/jobSessions answered 404. Check that VEEAM_URL is the appliance's own address.`,
  });
}
