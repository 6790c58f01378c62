/** The datamodel-code-generator every contract is generated with: output bytes depend on it, so it is pinned. */
export const DATAMODEL_CODE_GENERATOR_VERSION = "0.97.0";
