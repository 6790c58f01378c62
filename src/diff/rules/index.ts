/**
 * Every rule, in report order. Ids are public (config overrides, ignores, fingerprints):
 * never rename one; retire it and add a new id instead.
 */
import type { AnyRule } from "./rule.js";
import operationRemoved from "./operation-removed.js";
import operationAdded from "./operation-added.js";
import pathParameterAdded from "./path-parameter-added.js";
import pathParameterRenamed from "./path-parameter-renamed.js";
import operationIdChanged from "./operation-id-changed.js";
import securityRequirementAdded from "./security-requirement-added.js";
import requestRequiredParameterAdded from "./request-required-parameter-added.js";
import requestParameterAdded from "./request-parameter-added.js";
import requestParameterBecameRequired from "./request-parameter-became-required.js";
import requestParameterRemoved from "./request-parameter-removed.js";
import requestBodyBecameRequired from "./request-body-became-required.js";
import requestMediaTypeRemoved from "./request-media-type-removed.js";
import requestRequiredPropertyAdded from "./request-required-property-added.js";
import requestPropertyAdded from "./request-property-added.js";
import requestPropertyBecameRequired from "./request-property-became-required.js";
import requestPropertyRemoved from "./request-property-removed.js";
import requestTypeNarrowed from "./request-type-narrowed.js";
import requestEnumValueRemoved from "./request-enum-value-removed.js";
import requestEnumValueAdded from "./request-enum-value-added.js";
import requestBecameEnum from "./request-became-enum.js";
import requestBecameNonNullable from "./request-became-non-nullable.js";
import requestUnionBranchRemoved from "./request-union-branch-removed.js";
import requestDefaultChanged from "./request-default-changed.js";
import requestConstraintTightened from "./request-constraint-tightened.js";
import requestDiscriminatorChanged from "./request-discriminator-changed.js";
import responseSuccessStatusRemoved from "./response-success-status-removed.js";
import responseMediaTypeRemoved from "./response-media-type-removed.js";
import streamItemTypeChanged from "./stream-item-type-changed.js";
import responseRequiredPropertyRemoved from "./response-required-property-removed.js";
import responseOptionalPropertyRemoved from "./response-optional-property-removed.js";
import responsePropertyBecameOptional from "./response-property-became-optional.js";
import responsePropertyAdded from "./response-property-added.js";
import responseBecameNullable from "./response-became-nullable.js";
import responseTypeChanged from "./response-type-changed.js";
import responseTypeWidened from "./response-type-widened.js";
import responseEnumValueAdded from "./response-enum-value-added.js";
import responseUnionBranchAdded from "./response-union-branch-added.js";
import responseDiscriminatorChanged from "./response-discriminator-changed.js";
import schemaRenamed from "./schema-renamed.js";

export const RULES: readonly AnyRule[] = [
  operationRemoved,
  operationAdded,
  pathParameterAdded,
  pathParameterRenamed,
  operationIdChanged,
  securityRequirementAdded,
  requestRequiredParameterAdded,
  requestParameterAdded,
  requestParameterBecameRequired,
  requestParameterRemoved,
  requestBodyBecameRequired,
  requestMediaTypeRemoved,
  requestRequiredPropertyAdded,
  requestPropertyAdded,
  requestPropertyBecameRequired,
  requestPropertyRemoved,
  requestTypeNarrowed,
  requestEnumValueRemoved,
  requestEnumValueAdded,
  requestBecameEnum,
  requestBecameNonNullable,
  requestUnionBranchRemoved,
  requestDefaultChanged,
  requestConstraintTightened,
  requestDiscriminatorChanged,
  responseSuccessStatusRemoved,
  responseMediaTypeRemoved,
  streamItemTypeChanged,
  responseRequiredPropertyRemoved,
  responseOptionalPropertyRemoved,
  responsePropertyBecameOptional,
  responsePropertyAdded,
  responseBecameNullable,
  responseTypeChanged,
  responseTypeWidened,
  responseEnumValueAdded,
  responseUnionBranchAdded,
  responseDiscriminatorChanged,
  schemaRenamed,
];

export { RULE_IDS } from "./ids.js";
