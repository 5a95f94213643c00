/**
 * Which build of the parser this is, for the index cache's key: esbuild defines INCIDENT_RCA_CORE_BUILD as a hash of
 * src/core in production builds (so a cache written by another parser is never used) and as "" in watch builds,
 * where the parser changes without the hash (no cache then). Unbundled (tests) it is "dev".
 */
declare const INCIDENT_RCA_CORE_BUILD: string | undefined;

export const CORE_BUILD: string = typeof INCIDENT_RCA_CORE_BUILD === 'string' ? INCIDENT_RCA_CORE_BUILD : 'dev';
