/** The datamodel-code-generator every module is made with: what the tool venv installs, and part of the module cache's key. */
export const DATAMODEL_CODE_GENERATOR_VERSION = "0.97.0";
