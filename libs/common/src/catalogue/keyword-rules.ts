import { toolchainSpec } from '../toolchains/toolchain-specs';
import type { MpConfig } from './mp-config';

/**
 * What the judge's keyword check (`checkKeywords` in @wb/judge) needs of a lab: its forbidden
 * names, its headers and whether it narrows them, and its toolchain's own headers.
 */
export function labKeywordRules(config: MpConfig): {
  forbid: readonly string[];
  includes: readonly string[];
  includesOnly: boolean;
  toolchainHeaders: readonly string[];
} {
  return {
    forbid: config.keywords.forbid,
    includes: config.includes,
    includesOnly: config.includes_only,
    toolchainHeaders: toolchainSpec(config.toolchain).headers,
  };
}
