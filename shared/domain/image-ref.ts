/*
 * The parts of an image reference, as patterns checked before any of them goes into a registry URL: the registry
 * host (a DNS name or IPv4 address, optional port), the repository (lowercase components joined by one `.`, `_`,
 * `-` or `/`: a subset of the distribution spec's name grammar) and the tag (the spec's tag grammar).
 */

/** `myregistry.azurecr.io`, `127.0.0.1:5000` (no lookarounds: the OpenAPI pattern must be easy to generate from; the length limit is separate). */
export const registryHostPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;
/** The longest registry host name DNS allows (the port excluded). */
export const registryHostMaxLength = 253 + 6;

/** `churn-model`, `team/churn_model`. */
export const imageRepositoryPattern = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/;

/** The distribution spec's `<reference>` as a tag. */
export const imageTagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A content digest as registries report it (sha256 only: the one algorithm every registry uses). */
export const imageDigestPattern = /^sha256:[0-9a-f]{64}$/;
