/**
 * Which build of the parser and indexer this is, for the index cache's key: in production builds esbuild defines
 * INCIDENT_RCA_CORE_BUILD as a hash of src/core and of the plugin files that read notes into the index
 * (scripts/build-id.mjs), so a cache written by another build is never used; in watch builds it is "", since the
 * sources change without the hash (no cache then). Unbundled (tests) it is "dev".
 */
declare const INCIDENT_RCA_CORE_BUILD: string | undefined;

export const CORE_BUILD: string = typeof INCIDENT_RCA_CORE_BUILD === 'string' ? INCIDENT_RCA_CORE_BUILD : 'dev';
