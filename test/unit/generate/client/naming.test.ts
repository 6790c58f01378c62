import { describe, expect, test } from "vitest";
import { camelCase, pascalCase } from "../../../../src/generate/client/identifiers.js";
import { nameModels, RESERVED_TYPE_NAMES } from "../../../../src/generate/client/models.js";
import { isDefaultSummary, methodNames, operationNames, type NameableOperation } from "../../../../src/generate/client/naming.js";
import { NameRegistry } from "../../../../src/generate/client/identifiers.js";
import { collectOperations } from "../../../../src/generate/client/operations.js";
import type { HttpMethod, OpenApiDocument } from "../../../../src/spec/types.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { kitchenSinkSpec } from "./support.js";

describe("camelCase / pascalCase", () => {
  const cases: [string, string, string][] = [
    ["read_item", "readItem", "ReadItem"],
    ["ReadItem", "readItem", "ReadItem"],
    ["HTTPStatus", "httpStatus", "HTTPStatus"],
    ["URL", "url", "URL"],
    ["get_URL_v2", "getURLV2", "GetURLV2"],
    ["HTTP2Client", "http2Client", "HTTP2Client"],
    ["Page_Item_", "pageItem", "PageItem"],
    ["créer-l'article", "creerLArticle", "CreerLArticle"],
    ["ünïcödé spaces\ttabs", "unicodeSpacesTabs", "UnicodeSpacesTabs"],
    ["日本語", "", ""],
    ["__proto__", "proto", "Proto"],
    ["$weird$", "weird", "Weird"],
    ["1st", "1st", "1st"],
  ];
  test.each(cases)("%j → %j / %j", (text, camel, pascal) => {
    expect([camelCase(text), pascalCase(text)]).toEqual([camel, pascal]);
  });
});

const op = (method: HttpMethod, path: string, operationId?: string, tags: string[] = []): NameableOperation => ({ method, path, operationId, tags });

describe("method names", () => {
  const single: [string, NameableOperation, string][] = [
    ["FastAPI default suffix", op("get", "/items/{item_id}", "read_item_items__item_id__get"), "readItem"],
    ["suffix with dashes, dots and tildes", op("get", "/a-b.c/{x_y}/~z", "weird_a_b_c__x_y___z_get"), "weird"],
    ["suffix with non-ASCII letters (Python's \\w)", op("get", "/café/{id}", "read_café_café__id__get"), "readCafe"],
    ["function name with a leading underscore", op("get", "/items", "_items_items_get"), "items"],
    ["suffix of another method (multi-method route)", op("post", "/ping", "ping_ping_get"), "ping"],
    ["tag prefix", op("get", "/orders", "orders-list_orders", ["orders"]), "listOrders"],
    ["prefix that is not the first tag is kept", op("get", "/orders", "orders-list_orders", ["other"]), "ordersListOrders"],
    ["custom operationId", op("get", "/items/{id}", "getItemById"), "getItemById"],
    ["nothing but the suffix", op("get", "/items", "_items_get"), "itemsGet"],
    ["no operationId", op("get", "/items/{item_id}"), "getItemsItemId"],
    ["operationId with no word", op("delete", "/items/{id}", "***"), "deleteItemsId"],
    ["operationId starting with a digit", op("get", "/x", "1st_thing"), "_1stThing"],
    ["operationId with quotes and comment ends", op("get", "/x", "a\"b*/c`d"), "aBCD"],
    ["then would make the client a thenable", op("get", "/then", "then"), "getThen"],
  ];
  test.each(single)("%s", (_name, operation, expected) => {
    expect(methodNames([operation])).toEqual([expected]);
  });

  test("clashing names all fall back to method and path; the rest keep theirs", () => {
    const names = methodNames([
      op("get", "/a/items", "list_items_a_items_get"),
      op("get", "/b/items", "list_items_b_items_get"),
      op("get", "/ping", "ping_ping_get"),
      op("post", "/ping", "ping_ping_get"),
      op("get", "/other", "getAItems"),
    ]);
    expect(names).toEqual(["getAItems2", "getBItems", "getPing", "postPing", "getAItems"]);
  });

  test("paths that camelCase alike are numbered in spec order", () => {
    expect(methodNames([op("get", "/a-b"), op("get", "/a_b"), op("get", "/a/b")])).toEqual(["getAB", "getAB2", "getAB3"]);
  });

  test("every kitchen-sink operation is named after its Python function", async () => {
    const names = collectOperations(await kitchenSinkSpec()).map((operation) => `${operation.method.toUpperCase()} ${operation.path} ${operation.name}`);
    expect(names).toEqual([
      "GET /aliased aliased",
      "POST /bytes uploadBytes",
      "GET /counts getCounts",
      "GET /echo/{text} echoPath",
      "GET /fail/{status} fail",
      "GET /image getImage",
      "GET /items/{item_id} readItem",
      "PUT /items/{item_id} replaceItem",
      "DELETE /items/{item_id} deleteItem",
      "GET /legacy legacy",
      "POST /login login",
      "GET /m1/user getM1User",
      "GET /m2/user getM2User",
      "POST /notes postNote",
      "GET /orders listOrders",
      "POST /orders createOrder",
      "POST /orders/{order_id}/attachment attachFile",
      "GET /page getPage",
      "POST /pets createPet",
      "GET /pets/{pet_id} getPet",
      "GET /ping getPing",
      "POST /ping postPing",
      "GET /slow slow",
      "POST /stream/chat streamChat",
      "GET /stream/events streamEvents",
      "GET /stream/legacy streamLegacy",
      "GET /stream/raw streamRaw",
      "GET /stream/tokens streamTokens",
      "GET /stream/tokens.jsonl streamTokensJsonl",
      "GET /text getText",
      "GET /tree getTree",
      "GET /undeclared/csv streamCsv",
      "GET /undeclared/file downloadFile",
      "GET /undeclared/positive positive",
      "GET /undeclared/raw-json rawJson",
      "GET /undeclared/redirect redirectToCounts",
      "GET /undeclared/tags echoTags",
      "GET /union getUnion",
      "GET /untyped untyped",
      "POST /upload uploadFile",
      "POST /upload-many uploadFiles",
      "PUT /upsert/{key} upsert",
      "GET /whoami whoami",
    ]);
  });

  test("names do not depend on the order the document lists paths and methods in", async () => {
    const spec = await kitchenSinkSpec();
    const paths = spec["paths"] as Record<string, Record<string, unknown>>;
    const reversed = Object.fromEntries(Object.entries(paths).reverse().map(([path, item]) => [path, Object.fromEntries(Object.entries(item).reverse())]));
    const names = (doc: OpenApiDocument) => collectOperations(doc).map((operation) => operation.name);
    expect(names({ ...spec, paths: reversed } as OpenApiDocument)).toEqual(names(spec));
  });
});

describe("clashing names are qualified by tag", () => {
  test("each clashing tagged operation takes its first tag; untagged ones and repeat clashes take method and path", () => {
    const names = methodNames([
      op("post", "/users", "users-create_user", ["users"]),
      op("post", "/private/users", "private-create_user", ["private", "users"]),
      op("post", "/admin/users", "create_user_admin_users_post"),
      op("get", "/a", "items-list", ["items"]),
      op("get", "/b", "items-list", ["items"]),
      op("get", "/c", "list_c_get", ["other"]),
    ]);
    expect(names).toEqual(["usersCreateUser", "privateCreateUser", "postAdminUsers", "getA", "getB", "otherList"]);
  });

  test("a qualified name another operation already holds is not taken; then under a tag is qualified", () => {
    const names = methodNames([
      op("get", "/x", "x-create", ["x"]),
      op("get", "/y", "y-create", ["y"]),
      op("get", "/z", "xCreate"),
      op("get", "/then", "then", ["items"]),
    ]);
    expect(names).toEqual(["getX", "yCreate", "xCreate", "itemsThen"]);
  });

  const template = async () => JSON.parse(await readFile(join(REPO_ROOT, "test/fixtures/full-stack-template/openapi.json"), "utf8")) as OpenApiDocument;

  // The template's committed hey-api client (frontend/src/client/sdk.gen.ts, `byTags` with the
  // `<tag>-` prefix stripped) names these operations <Tag>Service.<method>; its types use the
  // whole operationId (`usersCreateUser`). Flat, we keep the short name unless it clashes.
  test("the full-stack FastAPI template: the 23 operations, flat and grouped, as hey-api names them", async () => {
    const spec = await template();
    const flat = collectOperations(spec).map((operation) => operation.name);
    const grouped = collectOperations(spec, { groupByTag: true }).map((operation) => operation.name);
    expect(flat).toHaveLength(23);
    expect(flat.filter((name) => /^(users|private)/.test(name))).toEqual(["privateCreateUser", "usersCreateUser"]);
    expect(grouped.sort()).toEqual([
      "items.createItem", "items.deleteItem", "items.readItem", "items.readItems", "items.updateItem",
      "login.loginAccessToken", "login.recoverPassword", "login.recoverPasswordHtmlContent", "login.resetPassword", "login.testToken",
      "private.createUser",
      "users.createUser", "users.deleteUser", "users.deleteUserMe", "users.readUserById", "users.readUserMe", "users.readUsers",
      "users.registerUser", "users.updatePasswordMe", "users.updateUser", "users.updateUserMe",
      "utils.healthCheck", "utils.testEmail",
    ]);
    expect(new Set(flat).size).toBe(23);
  });

  test("grouped: first tag only; unsafe group names move aside; untagged methods never take a group's name", () => {
    const names = operationNames(
      [
        op("get", "/a", "users-read", ["users", "admin"]),
        op("get", "/b", "read_b_get", ["Users"]),
        op("get", "/c", "then-go", ["then"]),
        op("get", "/d", "users"),
        op("get", "/e", "health"),
        op("get", "/f", "x", ["日本"]),
      ],
      { groupByTag: true },
    );
    expect(names.map((name) => name.key)).toEqual(["users.getA", "users.getB", "thenGroup.go", "getD", "health", "x"]);
  });
});

describe("FastAPI's default summary is recognised (and left out of the docs)", () => {
  const cases: [string, NameableOperation, boolean][] = [
    ["Read Item", op("get", "/items/{item_id}", "read_item_items__item_id__get"), true],
    ["Get M1 User", op("get", "/m1/user", "get_m1_user_m1_user_get"), true],
    ["List Orders", op("get", "/orders", "orders-list_orders", ["orders"]), true],
    ["Read one item", op("get", "/items/{item_id}", "read_item_items__item_id__get"), false],
    ["Read Item", op("get", "/items/{item_id}"), false],
  ];
  test.each(cases)("%j", (summary, operation, expected) => {
    expect(isDefaultSummary(summary, operation)).toBe(expected);
  });
});

describe("model names", () => {
  const spec = (schemas: string[], paths: Record<string, unknown> = {}) =>
    ({ openapi: "3.1.0", paths, components: { schemas: Object.fromEntries(schemas.map((key) => [key, { type: "object" }])) } }) as OpenApiDocument;
  const names = (doc: OpenApiDocument) => Object.fromEntries(nameModels(doc, collectOperations(doc), new NameRegistry(RESERVED_TYPE_NAMES)));

  test("FastAPI artifacts get readable names", () => {
    const upload = {
      post: {
        operationId: "upload_file_upload_post",
        requestBody: { content: { "multipart/form-data": { schema: { $ref: "#/components/schemas/Body_upload_file_upload_post" } } } },
      },
    };
    expect(
      names(spec(["Item-Input", "Item-Output", "app__m1__User", "app__m2__User", "app__models__Order", "Page_Item_", "Body_upload_file_upload_post", "HTTPValidationError"], { "/upload": upload })),
    ).toEqual({
      "Body_upload_file_upload_post": "UploadFileBody",
      "HTTPValidationError": "HTTPValidationError",
      "Item-Input": "ItemInput",
      "Item-Output": "Item",
      "Page_Item_": "PageItem",
      "app__m1__User": "M1User",
      "app__m2__User": "M2User",
      "app__models__Order": "Order",
    });
  });

  test("plain names win over translated ones; reserved names move aside; the rest is numbered", () => {
    expect(names(spec(["Item", "Item-Output", "Item-Input", "ItemInput", "Client", "Promise", "components", "1st", "日本", "a-b", "a_b"]))).toEqual({
      "1st": "Schema1st",
      "Client": "ClientModel",
      "Item": "Item",
      "Item-Input": "ItemInput2",
      "Item-Output": "Item2",
      "ItemInput": "ItemInput",
      "Promise": "PromiseModel",
      "a-b": "AB",
      "a_b": "AB2",
      "components": "Components",
      "日本": "Schema",
    });
  });

  test("module-qualified names take as many segments as they need", () => {
    expect(names(spec(["a__x__m__User", "b__x__m__User", "c__y__User"]))).toEqual({
      "a__x__m__User": "AXMUser",
      "b__x__m__User": "BXMUser",
      "c__y__User": "CYUser",
    });
  });
});
